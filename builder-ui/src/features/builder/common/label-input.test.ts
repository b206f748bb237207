import { describe, expect, it } from 'vitest'
import { labelParts, toLabel } from './label-input.js'

describe('label parts', () => {
  it('reads a plain string as English and an object by locale', () => {
    expect(labelParts('Lead')).toEqual({ zh: '', en: 'Lead' })
    expect(labelParts({ 'zh-CN': '线索', en: 'Lead' })).toEqual({ zh: '线索', en: 'Lead' })
    expect(labelParts(undefined)).toEqual({ zh: '', en: '' })
  })

  it('writes no label when both languages are empty', () => {
    expect(toLabel('', '  ')).toBeUndefined()
    expect(toLabel('线索', '')).toEqual({ 'zh-CN': '线索' })
  })

  it('keeps other locales the author wrote', () => {
    expect(toLabel('线索', 'Lead', { ja: 'リード', en: 'x' })).toEqual({
      ja: 'リード',
      'zh-CN': '线索',
      en: 'Lead',
    })
  })
})
