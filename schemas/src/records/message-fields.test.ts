import { describe, expect, it } from 'vitest'
import type { FormDefinition } from '../app-definition.js'
import { fillMessage } from './message-fields.js'

const lead = {
  key: 'lead',
  fields: [
    { key: 'name', type: 'text' },
    { key: 'visits', type: 'integer' },
    { key: 'consent', type: 'boolean' },
    {
      key: 'return_reason',
      type: 'select',
      options: [{ value: 'no_budget', label: { en: 'No budget', 'zh-CN': '没有预算' } }, { value: 'other' }],
    },
    {
      key: 'tags',
      type: 'multiselect',
      options: [
        { value: 'vip', label: { en: 'VIP', 'zh-CN': '重要' } },
        { value: 'new', label: { en: 'New', 'zh-CN': '新' } },
      ],
    },
  ],
} as FormDefinition

describe('fillMessage', () => {
  it("puts the record's values in each language, options as their labels", () => {
    const message = {
      en: 'Sales returned lead {name}: {return_reason}',
      'zh-CN': '销售退回了线索 {name}：{return_reason}',
    }
    expect(fillMessage(message, lead, { name: 'Ada', return_reason: 'no_budget' })).toEqual({
      en: 'Sales returned lead Ada: No budget',
      'zh-CN': '销售退回了线索 Ada：没有预算',
    })
  })

  it('reads numbers, yes/no and several options; an option without a label is its value', () => {
    const data = { visits: 3, consent: true, tags: ['vip', 'new'], return_reason: 'other' }
    expect(
      fillMessage({ en: '{visits} visits, consent {consent}, {tags}, {return_reason}' }, lead, data),
    ).toEqual({
      en: '3 visits, consent yes, VIP, New, other',
    })
    expect(fillMessage({ 'zh-CN': '{consent} {tags}' }, lead, data)).toEqual({ 'zh-CN': '是 重要、新' })
  })

  it('leaves unknown keys and plain text alone, and an empty field reads as nothing', () => {
    expect(fillMessage('Lead {name} {nope} {Name}', lead, {})).toBe('Lead {nope} {Name}')
    expect(fillMessage('Returned: {return_reason} {name}', lead, { return_reason: 'other' })).toBe(
      'Returned: other',
    )
    expect(fillMessage({ en: 'No placeholder' }, lead, { name: 'Ada' })).toEqual({ en: 'No placeholder' })
    // an empty field leaves no space before punctuation and no separator at the end
    const returned = {
      en: 'Lead {visits} {name}: {return_reason} — {tags}',
      'zh-CN': '线索 {visits} {name}：{return_reason}——{tags}',
    }
    expect(fillMessage(returned, lead, { visits: 619884, return_reason: 'no_budget' })).toEqual({
      en: 'Lead 619884: No budget',
      'zh-CN': '线索 619884：没有预算',
    })
    expect(
      fillMessage(returned, lead, { visits: 7, name: 'Bo', return_reason: 'other', tags: ['vip'] }),
    ).toEqual({
      en: 'Lead 7 Bo: other — VIP',
      'zh-CN': '线索 7 Bo：other——重要',
    })
    expect(fillMessage('Lead {name}', undefined, { name: 'Ada' })).toBe('Lead {name}')
  })
})
