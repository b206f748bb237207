import type { FieldDefinition, SchemaValidator } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { submissionErrors } from './submission-errors.js'

const fields: FieldDefinition[] = [
  { key: 'email', type: 'email', label: { en: 'Email', 'zh-CN': '邮箱' } },
  { key: 'secret', type: 'text', label: 'Secret', required: true },
]
// what the form's validator module reports for { email: 'nope' } (a required `secret` withheld)
const validator: SchemaValidator = {
  schema: { type: 'object', properties: { email: {}, secret: {} } },
  validate: Object.assign(() => false, {
    errors: [
      {
        instancePath: '/email',
        schemaPath: '#/properties/email/anyOf/1/pattern',
        keyword: 'pattern',
        params: { pattern: '^\\s*(?:x)\\s*$' },
      },
      {
        instancePath: '',
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'secret' },
      },
    ],
  }),
}

describe('submissionErrors', () => {
  it('words each problem as the server does, in the UI language, per field key', () => {
    expect(submissionErrors(fields, validator, { email: 'nope' }, 'zh-CN')).toEqual({
      email: ['邮箱必须是电子邮箱地址，例如 name@example.com。'],
      secret: ['请填写Secret。'],
    })
  })
  it('leaves the problems of fields hidden from this user to the server', () => {
    expect(submissionErrors(fields, validator, { email: 'nope' }, 'en', new Set(['secret']))).toEqual({
      email: ['Email must be an email address such as name@example.com.'],
    })
  })
})
