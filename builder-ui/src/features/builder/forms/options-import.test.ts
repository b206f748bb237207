import { describe, expect, it } from 'vitest'
import { newField } from './new-field.js'
import { importOptions, withPastedOptions } from './options-import.js'

describe('importOptions', () => {
  it('reads one option per line, with or without an explicit value', () => {
    expect(importOptions('Web form\nevent | Trade show\n\n  Referral  \n', [])).toEqual([
      { value: 'web_form', label: { en: 'Web form' } },
      { value: 'event', label: { en: 'Trade show' } },
      { value: 'referral', label: { en: 'Referral' } },
    ])
  })

  it('keeps Chinese labels as zh-CN and generates a value for them', () => {
    expect(importOptions('华东\n华北', [])).toEqual([
      { value: 'option_1', label: { 'zh-CN': '华东' } },
      { value: 'option_2', label: { 'zh-CN': '华北' } },
    ])
  })

  it('skips options already present and duplicate lines', () => {
    expect(importOptions('web\nWeb\nnew', [{ value: 'web' }])).toEqual([
      { value: 'new', label: { en: 'new' } },
    ])
  })

  it("replaces a new field's placeholder options, and adds to options an admin gave", () => {
    const fresh = newField('select', 'Leave type', []).options ?? []
    expect(withPastedOptions('Annual leave\nSick leave', fresh)).toEqual([
      { value: 'annual_leave', label: { en: 'Annual leave' } },
      { value: 'sick_leave', label: { en: 'Sick leave' } },
    ])
    const edited = [{ value: 'option_1', label: { en: 'Annual leave' } }]
    expect(withPastedOptions('Sick leave', edited).map((o) => o.value)).toEqual(['option_1', 'sick_leave'])
  })
})
