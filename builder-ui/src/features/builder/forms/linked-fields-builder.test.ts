import type { AppDefinition, FormDefinition, Problem } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { findingsAt } from './field-findings.js'
import { fillTargets, setFillRow } from './fill-editor.js'
import { summarizable } from './linked-properties.js'
import { lookupRelations, newField, rollupSources } from './new-field.js'

const account: FormDefinition = {
  key: 'account',
  title: 'Account',
  fields: [
    { key: 'name', type: 'text' },
    { key: 'sector', type: 'select', options: [{ value: 'retail' }] },
  ],
}
const product: FormDefinition = {
  key: 'product',
  title: 'Product',
  fields: [{ key: 'list_price', type: 'money' }],
}
const opportunity: FormDefinition = {
  key: 'opportunity',
  title: 'Opportunity',
  fields: [
    { key: 'team', type: 'relation', target: 'account', multiple: true },
    { key: 'account', type: 'relation', target: 'account', display: 'sector' },
    { key: 'product', type: 'relation', target: 'product' },
    { key: 'amount', type: 'money' },
    { key: 'score', type: 'formula', expression: 1 },
    { key: 'closed', type: 'date' },
    { key: 'stage', type: 'select', options: [{ value: 'open' }] },
  ],
}
const app: Pick<AppDefinition, 'forms'> = { forms: [account, product, opportunity] }

describe('a new lookup or rollup from the palette', () => {
  it('starts a lookup on the first single relation, showing its display field', () => {
    const f = newField('lookup', 'Lookup', [], { form: opportunity, app })
    expect(f).toMatchObject({ type: 'lookup', relation: 'account', field: 'sector' })
    expect(lookupRelations(opportunity).map((r) => r.key)).toEqual(['account', 'product'])
  })

  it('starts a rollup counting the first relation that points at the form', () => {
    const f = newField('rollup', 'Rollup', [], { form: account, app })
    expect(f).toMatchObject({ type: 'rollup', form: 'opportunity', relation: 'team', op: 'count' })
    expect(rollupSources(app, 'account').map((s) => `${s.form.key}.${s.relation.key}`)).toEqual([
      'opportunity.team',
      'opportunity.account',
    ])
  })

  it('leaves what it cannot guess unset, for the verifier to name', () => {
    expect(newField('lookup', 'Lookup', [], { form: account, app })).toEqual({
      key: expect.any(String),
      type: 'lookup',
      label: 'Lookup',
    })
    expect(newField('rollup', 'Rollup', [], { form: product, app })).toMatchObject({ op: 'count' })
  })
})

describe('rollup fields', () => {
  it('sums and averages numbers; takes min and max of numbers and dates; never of a formula', () => {
    const field = (key: string) => opportunity.fields.find((f) => f.key === key)!
    expect(summarizable('sum', field('amount'))).toBe(true)
    expect(summarizable('sum', field('closed'))).toBe(false)
    expect(summarizable('max', field('closed'))).toBe(true)
    expect(summarizable('avg', field('score'))).toBe(false)
    expect(summarizable('min', field('stage'))).toBe(false)
    expect(summarizable('count', field('amount'))).toBe(false)
  })
})

describe('the fill mapping', () => {
  it('offers this form’s writable fields, not computed ones or the relation itself', () => {
    const relation = opportunity.fields.find((f) => f.key === 'product')!
    expect(fillTargets(opportunity, relation).map((f) => f.key)).toEqual([
      'team',
      'account',
      'amount',
      'closed',
      'stage',
    ])
  })

  it('changes one row in place, keeping the order of the others', () => {
    const fill = { amount: 'list_price', stage: 'series' }
    expect(Object.entries(setFillRow(fill, 0, 'closed', 'list_price'))).toEqual([
      ['closed', 'list_price'],
      ['stage', 'series'],
    ])
    expect(setFillRow(fill, 1, 'stage', 'name')).toEqual({ amount: 'list_price', stage: 'name' })
  })
})

describe('findings on a property', () => {
  it('takes the findings at the property and under it, not a sibling with a longer name', () => {
    const p = (path: string): Problem => ({
      path,
      code: 'unknown_field',
      message: { en: path, 'zh-CN': path },
    })
    const problems = [
      p('/forms/2/fields/2/fill/amount'),
      p('/forms/2/fields/2/fill'),
      p('/forms/2/fields/2/fillx'),
    ]
    expect(findingsAt(problems, '/forms/2/fields/2/fill').map((x) => x.path)).toEqual([
      '/forms/2/fields/2/fill/amount',
      '/forms/2/fields/2/fill',
    ])
  })
})
