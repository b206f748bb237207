import type { FieldDefinition, FormDefinition, Problem } from '@tessera/schemas'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileForm } from './compile-form.js'
import { CASES } from './field-type-cases.js'
import { loadBrowserCheck } from './load-validator-module.js'
import { agreementForm, agreementSubmission } from './schema-agreement.fixture.js'

/**
 * The browser runs the validator module the server generates (ajv standalone code) and words its
 * errors with schemaProblems(); the server runs prepare(). For the same input both must find the
 * same problems, at the same paths, with the same messages in both languages.
 */
const words = (problems: Problem[]) =>
  problems.map((p) => `${p.path} ${p.code} | ${p.message.en} | ${p.message['zh-CN']}`).sort()

async function checkerFor(form: FormDefinition) {
  const compiled = compileForm(form)
  const browser = await loadBrowserCheck(compiled.validatorModule(), form.fields)
  return (input: Record<string, unknown>) => ({
    server: words(compiled.prepare(input, { mode: 'create' }).errors),
    browser: words(browser(input)),
  })
}

describe('the browser validator module and prepare() agree', () => {
  for (const c of CASES) {
    it(`${c.name}: same problems and messages for every valid and invalid value`, async () => {
      const check = await checkerFor({
        key: 't',
        title: 'T',
        fields: [{ key: 'v', label: { en: 'Value', 'zh-CN': '值' }, ...c.field } as FieldDefinition],
      })
      for (const [input] of c.valid) expect(check({ v: input })).toEqual({ server: [], browser: [] })
      for (const [input] of c.invalid) {
        const { server, browser } = check({ v: input })
        expect(server.length).toBeGreaterThan(0)
        expect({ input, browser }).toEqual({ input, browser: server })
      }
    })
  }

  it('required, unknown keys and conditions over a whole form', async () => {
    const check = await checkerFor(agreementForm)
    fc.assert(
      fc.property(agreementSubmission, (input) => {
        const { server, browser } = check(input)
        expect({ input, browser }).toEqual({ input, browser: server })
      }),
      { numRuns: 500, seed: 20261203 },
    )
    expect(check({ name: 'Ana', ghost: 1 }).browser).toEqual(check({ name: 'Ana', ghost: 1 }).server)
  })
})
