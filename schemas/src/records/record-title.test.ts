import { describe, expect, it } from 'vitest'
import type { FormDefinition } from '../app-definition.js'
import { recordTitle } from './record-title.js'

const form = {
  key: 'lead',
  fields: [
    { key: 'visits', type: 'number' },
    { key: 'name', type: 'text' },
    { key: 'email', type: 'email' },
    { key: 'lead_number', type: 'serial' },
  ],
} as FormDefinition

describe('recordTitle', () => {
  it('is the first non-empty text, e-mail or serial value in field order', () => {
    expect(recordTitle(form, { visits: 3, name: 'Ada', email: 'a@x.org' })).toBe('Ada')
    expect(recordTitle(form, { name: '', email: 'a@x.org' })).toBe('a@x.org')
    expect(recordTitle(form, { lead_number: 'L-0007' })).toBe('L-0007')
  })

  it('skips the fields the reader may not see, and has none without a form or a text', () => {
    expect(recordTitle(form, { name: 'Ada', email: 'a@x.org' }, (f) => f.key !== 'name')).toBe('a@x.org')
    expect(recordTitle(form, { name: 'Ada' }, () => false)).toBeUndefined()
    expect(recordTitle(undefined, { name: 'Ada' })).toBeUndefined()
    expect(recordTitle(form, { visits: 3 })).toBeUndefined()
  })
})
