import { describe, expect, it } from 'vitest'
import type { FieldDefinition } from '../app-definition.js'
import { conditionHolds, orderFormulas, resolveFormState } from './form-state.js'

const quote: FieldDefinition[] = [
  {
    key: 'total',
    type: 'formula',
    decimals: 2,
    expression: { '+': [{ var: 'base_price' }, { var: 'support_fee' }] },
  },
  { key: 'base_price', type: 'money' },
  { key: 'add_support', type: 'boolean' },
  { key: 'support_fee', type: 'money', visibleWhen: { var: 'add_support' } },
  { key: 'vip', type: 'formula', expression: { '>': [{ var: 'total' }, 1100] } },
  { key: 'vip_gift', type: 'text', visibleWhen: { var: 'vip' } },
]

describe('resolveFormState (shared by prepare() and the browser)', () => {
  const order = orderFormulas(quote)
  const formulas = order.ok ? order.formulas : []

  it('orders formulas by dependency and reports a cycle', () => {
    expect(formulas.map((f) => f.key)).toEqual(['total', 'vip'])
    const cyclic = orderFormulas([
      { key: 'a', type: 'formula', expression: { var: 'b' } },
      { key: 'b', type: 'formula', expression: { '+': [{ var: 'a' }, 1] } },
    ])
    expect(cyclic).toEqual({ ok: false, cycle: ['a', 'b', 'a'] })
  })

  it('C7 drops the hidden support_fee before the total is computed', () => {
    const values = { base_price: '1000.00', add_support: false, support_fee: '200.00', vip_gift: 'mug' }
    const state = resolveFormState(quote, formulas, values)
    expect(state.data).toEqual({ base_price: '1000.00', add_support: false, total: '1000.00', vip: false })
    expect([...state.hidden].sort()).toEqual(['support_fee', 'vip_gift'])
  })

  it('a formula can show a field', () => {
    const values = { base_price: '1000.00', add_support: true, support_fee: '200.00', vip_gift: 'mug' }
    const state = resolveFormState(quote, formulas, values)
    expect(state.data).toMatchObject({ total: '1200.00', vip: true, vip_gift: 'mug' })
    expect(state.hidden.size).toBe(0)
  })

  it('a later pass computes again the formulas a newly hidden field fed, and those reading them', () => {
    const fields: FieldDefinition[] = [
      { key: 'premium', type: 'boolean' },
      { key: 'extra', type: 'money', visibleWhen: { var: 'premium' } },
      { key: 'base', type: 'money' },
      {
        key: 'subtotal',
        type: 'formula',
        decimals: 2,
        expression: { '+': [{ var: 'base' }, { var: 'extra' }] },
      },
      { key: 'total', type: 'formula', decimals: 2, expression: { '*': [{ var: 'subtotal' }, 2] } },
      { key: 'fixed', type: 'formula', expression: { cat: ['base ', { var: 'base' }] } },
      { key: 'whole', type: 'formula', expression: { if: [{ var: '' }, 'some', 'none'] } },
    ]
    const order = orderFormulas(fields)
    const state = resolveFormState(fields, order.ok ? order.formulas : [], {
      premium: false,
      extra: '5.00',
      base: '10.00',
    })
    expect(state.hidden).toEqual(new Set(['extra']))
    expect(state.data).toEqual({
      premium: false,
      base: '10.00',
      subtotal: '10.00',
      total: '20.00',
      fixed: 'base 10.00',
      whole: 'some',
    })
  })

  it('reports a formula it cannot compute', () => {
    const state = resolveFormState(quote, formulas, { base_price: 'lots' })
    expect(state.formulaErrors.get('total')).toMatch(/not a number/)
  })

  it('conditionHolds answers onError when the data cannot be evaluated', () => {
    expect(conditionHolds({ '*': [{ var: 'a' }, 2] }, { a: 'x' }, {}, true)).toBe(true)
    expect(conditionHolds({ '*': [{ var: 'a' }, 2] }, { a: 'x' }, {}, false)).toBe(false)
    expect(conditionHolds({ '==': [{ var: 'a' }, 'x'] }, { a: 'x' }, {}, false)).toBe(true)
  })
})
