import { describe, expect, it } from 'vitest'
import { importOptions } from './options-import.js'

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
})
