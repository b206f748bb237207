import type { FieldDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { compileForm } from './compile-form.js'
import { CASES } from './field-type-cases.js'

describe('every field type: a valid value and invalid ones with their exact code', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      const compiled = compileForm({
        key: 't',
        title: 'T',
        fields: [{ key: 'v', ...c.field } as FieldDefinition],
      })
      it.each(c.valid.map(([input, stored]) => ({ input, stored })))('stores $input', ({ input, stored }) => {
        const r = compiled.prepare({ v: input }, { mode: 'create' })
        expect(r.errors).toEqual([])
        expect(r.data).toEqual({ v: stored })
        expect(compiled.validateSchema({ v: input })).toBe(true)
        // prepared data is stable: preparing what is stored gives it back (update re-validates stored data)
        expect(compiled.prepare(r.data, { mode: 'create' }).data).toEqual(r.data)
      })
      it.each(c.invalid.map(([input, code, path]) => ({ input, code, path: path ?? '/v' })))(
        'refuses $input with $code',
        ({ input, code, path }) => {
          const r = compiled.prepare({ v: input }, { mode: 'create' })
          expect(r.ok).toBe(false)
          expect(r.errors.map((e) => [e.path, e.code])).toEqual([[path, code]])
          expect(r.errors[0]!.message.en).not.toBe('')
          expect(r.errors[0]!.message['zh-CN']).not.toBe('')
          expect(r.data).toEqual({})
          expect(compiled.validateSchema({ v: input })).toBe(false)
        },
      )
    })
  }
})
