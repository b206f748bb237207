import type { FormDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { dialogFields } from './dialog-fields.js'

const lead: FormDefinition = {
  key: 'lead',
  title: 'Lead',
  fields: [
    { key: 'name', type: 'text' },
    { key: 'return_reason', type: 'select', options: [{ value: 'no_budget' }, { value: 'other' }] },
    { key: 'return_note', type: 'textarea', requiredWhen: { '==': [{ var: 'return_reason' }, 'other'] } },
    { key: 'lost_note', type: 'textarea', requiredWhen: { '==': [{ var: 'name' }, 'x'] } },
  ],
}

describe('transition dialog fields', () => {
  it('asks for the required fields and, while it is required, for a field they make required', () => {
    const fields = dialogFields(lead, ['return_reason'])
    expect(fields.map((f) => [f.key, f.required, f.visibleWhen])).toEqual([
      ['return_reason', true, undefined],
      ['return_note', false, { '==': [{ var: 'return_reason' }, 'other'] }],
    ])
  })
})
