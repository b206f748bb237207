import type { FormDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { compileForm } from './compile-form.js'

const ticket: FormDefinition = {
  key: 'ticket',
  title: 'Ticket',
  fields: [
    { key: 'title', type: 'text', label: { en: 'Title', 'zh-CN': '标题' }, required: true },
    {
      key: 'urgency',
      type: 'select',
      label: { en: 'Urgency', 'zh-CN': '紧急程度' },
      required: true,
      options: [
        { value: 'low', label: { en: 'Low', 'zh-CN': '低' } },
        { value: 'high', label: { en: 'High', 'zh-CN': '高' } },
        { value: 'other' },
      ],
    },
  ],
}

const problems = (data: Record<string, unknown>) =>
  (compileForm(ticket).prepare(data, { mode: 'create' }).errors ?? []).map((p) => [p.path, p.message])

describe('messages about choices, in each language', () => {
  it('a missing choice asks to choose (请选择), a missing text to fill in (请填写)', () => {
    expect(problems({})).toEqual([
      ['/title', { en: 'Title is required.', 'zh-CN': '请填写标题。' }],
      ['/urgency', { en: 'Urgency is required.', 'zh-CN': '请选择紧急程度。' }],
    ])
  })

  it('a value that is no option lists the options by their labels with the values to send', () => {
    expect(problems({ title: 'Printer', urgency: 'urgent' })).toEqual([
      [
        '/urgency',
        {
          en: 'Urgency must be one of: Low (low), High (high), other.',
          'zh-CN': '紧急程度必须是以下选项之一：低 (low)、高 (high)、other。',
        },
      ],
    ])
  })
})
