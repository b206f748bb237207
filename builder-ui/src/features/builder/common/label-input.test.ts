import { describe, expect, it } from 'vitest'
import { en } from '../../../i18n/en.js'
import { interpolate } from '../../../i18n/label.js'
import { zhCN } from '../../../i18n/zh-CN.js'
import { labelParts, languageLabels, toLabel } from './label-input.js'

const tIn = (catalog: Record<string, string>) => (key: string, values: { name: string }) =>
  interpolate(catalog[key]!, values)

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

describe('LabelInput labels', () => {
  it('name each input by what it edits and its language, not "Label" for a help text', () => {
    expect(languageLabels('Help text', tIn(en))).toEqual({
      zh: 'Help text (中文)',
      en: 'Help text (English)',
    })
    expect(languageLabels('帮助文字', tIn(zhCN))).toEqual({
      zh: '帮助文字（中文）',
      en: '帮助文字（English）',
    })
  })
})
