import type { FormDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { codePointLength } from './code-points.js'
import { evaluateForm, isEmptyValue, toSubmission } from './form-logic.js'
import { validateForm } from './validate-form.js'

const lead: FormDefinition = {
  key: 'lead',
  title: 'Lead',
  fields: [
    { key: 'company_name', type: 'text', required: true },
    { key: 'has_referrer', type: 'boolean' },
    {
      key: 'referrer_name',
      type: 'text',
      visibleWhen: { '==': [{ var: 'has_referrer' }, true] },
      requiredWhen: true,
    },
    { key: 'nickname', type: 'text', maxLength: 3 },
    { key: 'employee_count', type: 'integer' },
    { key: 'website', type: 'url' },
  ],
}

const quote: FormDefinition = {
  key: 'quote',
  title: 'Quote',
  fields: [
    { key: 'base_price', type: 'money' },
    { key: 'add_support', type: 'boolean' },
    { key: 'support_fee', type: 'money', visibleWhen: { var: 'add_support' } },
    { key: 'total', type: 'formula', expression: { '+': [{ var: 'base_price' }, { var: 'support_fee' }] } },
  ],
}

const run = (form: FormDefinition, value: Record<string, unknown>) => {
  const ev = evaluateForm(form, value)
  return { ev, issues: validateForm(form, ev), sent: toSubmission(form, ev) }
}

describe('form logic in the browser', () => {
  it('C1: counts code points, so "a😀b" is 3 of 3 and "👍🏽ab" is over a limit of 3', () => {
    expect(codePointLength('a😀b')).toBe(3)
    expect(run(lead, { company_name: 'A', nickname: 'a😀b' }).issues).toEqual([])
    const over = run(lead, { company_name: 'A', nickname: '👍🏽ab' }).issues
    expect(over).toEqual([{ path: 'nickname', code: 'too_long', params: { limit: 3, actual: 4 } }])
    expect(codePointLength('हिंदी')).toBe(5)
  })

  it('C2: a field required only while visible stops being required when hidden again, and its value is dropped', () => {
    for (const flag of [undefined, true, false]) {
      const value: Record<string, unknown> = { company_name: 'Acme' }
      if (flag !== undefined) value.has_referrer = flag
      const { ev, issues } = run(lead, value)
      expect(ev.required.has('referrer_name')).toBe(flag === true)
      expect(issues.length).toBe(flag === true ? 1 : 0)
    }
    const { sent } = run(lead, { company_name: 'Acme', has_referrer: false, referrer_name: 'Acme Partner' })
    expect(sent).toEqual({ company_name: 'Acme', has_referrer: false })
  })

  it('C3: blank, whitespace and no-break-space text are one "required" error; empty optionals are absent, "0" stays', () => {
    for (const blank of ['', '   ', '\u00a0']) {
      expect(run(lead, { company_name: blank }).issues).toEqual([{ path: 'company_name', code: 'required' }])
    }
    const { sent, issues } = run(lead, { company_name: 'A', website: '', employee_count: 0 })
    expect(issues).toEqual([])
    expect(sent).toEqual({ company_name: 'A', employee_count: 0 })
    expect(isEmptyValue(0)).toBe(false)
  })

  it('C7: unticking hides support_fee before the total is computed; 0.3 + 0.6 is exactly 0.9', () => {
    const ticked = evaluateForm(quote, { base_price: '1000', add_support: true, support_fee: '200' })
    expect(ticked.data.total).toBe('1200')
    const unticked = evaluateForm(quote, { base_price: '1000', add_support: false, support_fee: '200' })
    expect(unticked.data.total).toBe('1000')
    expect(unticked.data.support_fee).toBeUndefined()
    expect(toSubmission(quote, unticked)).toEqual({ base_price: '1000', add_support: false })
    expect(evaluateForm(quote, { base_price: '0.3', add_support: true, support_fee: '0.6' }).data.total).toBe(
      '0.9',
    )
  })

  it('state access: a state-hidden field is not shown but keeps its value out of the edit payload', () => {
    const ev = evaluateForm(
      lead,
      { company_name: 'A', nickname: 'x' },
      { nickname: 'hidden', company_name: 'read' },
    )
    expect(ev.visible.has('nickname')).toBe(false)
    expect(toSubmission(lead, ev, { nickname: 'hidden', company_name: 'read' })).toEqual({})
  })

  it('subform rows carry their own errors by row and column', () => {
    const form: FormDefinition = {
      key: 'o',
      title: 'O',
      fields: [
        {
          key: 'items',
          type: 'subform',
          fields: [
            { key: 'sku', type: 'text', required: true },
            { key: 'qty', type: 'integer', min: 1 },
          ],
        },
      ],
    }
    const issues = validateForm(form, evaluateForm(form, { items: [{ sku: 'A', qty: 2 }, { qty: 0 }] }))
    expect(issues).toEqual([
      { path: 'items/1/sku', code: 'required' },
      { path: 'items/1/qty', code: 'min', params: { limit: '1' } },
    ])
  })
})
