import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileForm } from './compile-form.js'
import { agreementForm as form, agreementSubmission as submission } from './schema-agreement.fixture.js'

/**
 * The browser validates with the compiled JSON Schema, the server with prepare(); for any
 * submission both must say the same (C2: "the compiled if/then gives the same answer").
 * Values are drawn from pools of valid, invalid, blank and wrong-typed values per field.
 */
describe('JSON Schema and prepare() agree', () => {
  const compiled = compileForm(form)

  it('gives the same answer for any submission', () => {
    const answers = { ok: 0, refused: 0 }
    fc.assert(
      fc.property(submission, (input) => {
        const server = compiled.prepare(input, { mode: 'create' })
        answers[server.ok ? 'ok' : 'refused']++
        const browser = compiled.validateSchema(input)
        expect({ browser, errors: server.errors.map((e) => `${e.path} ${e.code}`) }).toMatchObject({
          browser: server.ok,
        })
      }),
      { numRuns: 2000, seed: 20261203 },
    )
    // both answers occur often, so agreement is tested on each side
    expect(answers.ok).toBeGreaterThan(150)
    expect(answers.refused).toBeGreaterThan(150)
  })

  it('a stored record is valid against its schema', () => {
    fc.assert(
      fc.property(submission, (input) => {
        const server = compiled.prepare(input, { mode: 'create' })
        if (server.ok) expect(compiled.validateSchema(server.data)).toBe(true)
      }),
      { numRuns: 1000, seed: 7 },
    )
  })
})
