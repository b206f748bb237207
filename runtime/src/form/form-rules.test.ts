import type { FormDefinition, FormRule } from '@tessera/schemas'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileForm } from './compile-form.js'
import { loadBrowserCheck } from './load-validator-module.js'
import { agreementForm, agreementSubmission } from './schema-agreement.fixture.js'

const REACHABLE = { en: 'Give an e-mail or a phone number.', 'zh-CN': '请填写电子邮箱或电话。' }
const CHEAP = { en: 'Orders above 500 need a manager.', 'zh-CN': '超过 500 的订单需要经理审批。' }

/** Reachable by e-mail or phone (shown on the e-mail); a total of at most 500 when there is one (the form). */
const RULES: FormRule[] = [
  {
    key: 'reachable',
    field: 'email',
    check: { or: [{ var: 'email' }, { var: 'phone' }] },
    message: REACHABLE,
  },
  {
    key: 'cheap',
    check: { or: [{ '!': { var: 'total' } }, { '<=': [{ var: 'total' }, 500] }] },
    message: CHEAP,
  },
]

const lead: FormDefinition = {
  key: 'lead',
  title: 'Lead',
  fields: [
    { key: 'name', type: 'text' },
    { key: 'email', type: 'email' },
    { key: 'phone', type: 'phone' },
    { key: 'qty', type: 'integer', min: 0 },
    { key: 'price', type: 'money' },
    { key: 'total', type: 'formula', decimals: 2, expression: { '*': [{ var: 'qty' }, { var: 'price' }] } },
  ],
  rules: RULES,
}

describe('form rules', () => {
  const form = compileForm(lead)
  const create = (data: Record<string, unknown>) => form.prepare(data, { mode: 'create' })

  it('a submission breaking a rule gets the rule’s own message on its field, in both languages', () => {
    const r = create({ name: 'Ana' })
    expect(r.ok).toBe(false)
    expect(r.errors).toEqual([{ path: '/email', code: 'rule', message: REACHABLE }])
  })

  it('blank values count as absent, and the first broken rule is the one reported', () => {
    expect(create({ email: '   ', phone: '', qty: 2, price: '300' }).errors).toEqual([
      { path: '/email', code: 'rule', message: REACHABLE },
    ])
    // a rule naming no field is a problem of the form as a whole; formulas are computed first
    expect(create({ phone: '+49 30 1234567', qty: 2, price: '300' }).errors).toEqual([
      { path: '/', code: 'rule', message: CHEAP },
    ])
    expect(create({ phone: '+49 30 1234567', qty: 2, price: '250' }).ok).toBe(true)
  })

  it('a check that cannot hold over absent values fails: the author says what absence means', () => {
    const strict = compileForm({
      ...lead,
      rules: [{ key: 'cheap', check: { '<=': [{ var: 'total' }, 500] }, message: CHEAP }],
    })
    expect(strict.prepare({ email: 'a@b.co' }, { mode: 'create' }).errors).toEqual([
      { path: '/', code: 'rule', message: CHEAP },
    ])
  })

  it('rules wait until the fields are valid, and drafts skip them', () => {
    expect(create({ email: 'nope' }).errors.map((p) => p.code)).toEqual(['email'])
    expect(form.prepare({ name: 'Ana' }, { mode: 'draft' }).ok).toBe(true)
  })

  it('an update is checked over the stored values merged with the change', () => {
    const existing = { email: 'ana@example.com' }
    expect(form.prepare({ email: '' }, { mode: 'update', existing }).errors).toEqual([
      { path: '/email', code: 'rule', message: REACHABLE },
    ])
    expect(form.prepare({ name: 'Ana B' }, { mode: 'update', existing }).ok).toBe(true)
  })

  it('the browser validator module reports the same rule problems as prepare()', async () => {
    // the agreement form has e-mail, phone and the same total formula
    const withRules: FormDefinition = { ...agreementForm, rules: RULES }
    const compiled = compileForm(withRules)
    const browser = await loadBrowserCheck(compiled.validatorModule(), withRules.fields)
    const words = (ps: { path: string; code: string; message: { en: string } }[]) =>
      ps.map((p) => `${p.path} ${p.code} ${p.message.en}`).sort()
    let ruleHits = 0
    fc.assert(
      fc.property(agreementSubmission, (input) => {
        const server = words(compiled.prepare(input, { mode: 'create' }).errors)
        if (server.some((w) => w.includes(' rule '))) ruleHits++
        expect({ input, browser: words(browser(input)) }).toEqual({ input, browser: server })
      }),
      { numRuns: 500, seed: 20261204 },
    )
    // the random submissions reached the rules, not only the field checks
    expect(ruleHits).toBeGreaterThan(0)
    expect(words(browser({ name: 'Ana' }))).toEqual([`/email rule ${REACHABLE.en}`])
  })
})
