import type { FieldDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { previewCell } from './preview-cell.js'

const source = {
  key: 'source',
  type: 'select',
  options: [
    { value: 'Google' },
    { value: 'Direct Traffic', label: { en: 'Direct traffic', 'zh-CN': '直接访问' } },
  ],
} as FieldDefinition

describe('previewCell', () => {
  it('shows a choice as the option value the import stores, matched by value or label in any case', () => {
    expect(previewCell(source, ' google ')).toEqual({ value: 'Google', ok: true })
    expect(previewCell(source, '直接访问')).toEqual({ value: 'Direct Traffic', ok: true })
    expect(previewCell(source, 'direct  TRAFFIC')).toEqual({ value: 'Direct Traffic', ok: true })
  })

  it('marks what no option matches, and leaves other fields and blanks as they are', () => {
    expect(previewCell(source, 'Bing')).toEqual({ value: 'Bing', ok: false })
    expect(previewCell({ ...source, type: 'multiselect' } as FieldDefinition, 'google; Bing')).toEqual({
      value: 'Google; Bing',
      ok: false,
    })
    expect(previewCell(source, '  ')).toEqual({ value: '', ok: true })
    expect(previewCell({ key: 'name', type: 'text' } as FieldDefinition, ' Ada ')).toEqual({
      value: 'Ada',
      ok: true,
    })
  })
})
