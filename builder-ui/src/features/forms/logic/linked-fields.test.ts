import type { AppDefinition, FieldDefinition, FormDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { sortable } from '../../records/record-columns.js'
import { toSubmission, evaluateForm } from './form-logic.js'
import { applyFill, isWritable, lookupSource, shownAs, shownFields } from './linked-fields.js'

const product: FormDefinition = {
  key: 'product',
  title: 'Product',
  fields: [
    { key: 'name', type: 'text' },
    { key: 'list_price', type: 'money', currency: 'USD', decimals: 2 },
    {
      key: 'series',
      type: 'select',
      options: [{ value: 'GTX', label: { en: 'GTX series', 'zh-CN': 'GTX 系列' } }],
    },
  ],
}
const opportunity: FormDefinition = {
  key: 'opportunity',
  title: 'Opportunity',
  fields: [
    { key: 'product', type: 'relation', target: 'product', fill: { amount: 'list_price', note: 'name' } },
    { key: 'amount', type: 'money', currency: 'USD' },
    { key: 'note', type: 'text' },
    { key: 'list_price', type: 'lookup', relation: 'product', field: 'list_price', label: 'List price' },
    { key: 'series', type: 'lookup', relation: 'product', field: 'series' },
    { key: 'account', type: 'relation', target: 'account' },
  ],
}
const account: FormDefinition = {
  key: 'account',
  title: 'Account',
  fields: [
    { key: 'name', type: 'text' },
    {
      key: 'open_value',
      type: 'rollup',
      form: 'opportunity',
      relation: 'account',
      op: 'sum',
      field: 'amount',
    },
    { key: 'open_count', type: 'rollup', form: 'opportunity', relation: 'account', op: 'count' },
    { key: 'broken', type: 'lookup', relation: 'nowhere', field: 'x' },
  ],
}
const app: Pick<AppDefinition, 'forms'> = { forms: [product, opportunity, account] }
const field = (form: FormDefinition, key: string) => form.fields.find((f) => f.key === key) as FieldDefinition
const always = () => true

describe('shownAs', () => {
  it('reads a lookup as the field it shows, under its own key and label, never editable', () => {
    expect(shownAs(app, opportunity, field(opportunity, 'list_price'))).toEqual({
      key: 'list_price',
      type: 'money',
      currency: 'USD',
      decimals: 2,
      label: 'List price',
      help: undefined,
      readOnly: true,
    })
    expect(shownAs(app, opportunity, field(opportunity, 'series')).options?.[0]?.value).toBe('GTX')
  })

  it('reads a count rollup as an integer and a sum as the summed field; a broken one as text', () => {
    const shown = shownFields(app, account)
    expect(shown.get('open_count')?.type).toBe('integer')
    expect(shown.get('open_value')).toMatchObject({ type: 'money', currency: 'USD' })
    expect(shown.get('broken')?.type).toBe('text')
    expect(shownAs(undefined, account, field(account, 'open_value')).type).toBe('text')
  })

  it('leaves other fields as they are', () => {
    expect(shownAs(app, account, field(account, 'name'))).toBe(field(account, 'name'))
  })

  it('lets the table sort a lookup or rollup the list API can sort, not one it cannot resolve', () => {
    expect(sortable(app, account, field(account, 'open_value'))).toBe(true)
    expect(sortable(app, opportunity, field(opportunity, 'series'))).toBe(true)
    expect(sortable(app, account, field(account, 'broken'))).toBe(false)
    expect(sortable(undefined, account, field(account, 'open_count'))).toBe(false)
  })
})

describe('lookupSource', () => {
  it('is the id the relation holds now, or undefined', () => {
    const lookup = field(opportunity, 'list_price')
    expect(lookupSource(opportunity, lookup, { product: 'p1' })).toBe('p1')
    expect(lookupSource(opportunity, lookup, {})).toBeUndefined()
    expect(lookupSource(opportunity, field(opportunity, 'amount'), { product: 'p1' })).toBeUndefined()
  })
})

describe('applyFill', () => {
  const relation = field(opportunity, 'product')
  const chosen = { name: 'GTX Pro', list_price: '4821.00' }

  it('fills every mapped field from the chosen record', () => {
    expect(applyFill(opportunity, relation, chosen, { product: 'p1' }, new Set(), always)).toEqual({
      product: 'p1',
      amount: '4821.00',
      note: 'GTX Pro',
    })
  })

  it('keeps a value the person typed (a negotiated price), as the server keeps a value sent', () => {
    const out = applyFill(
      opportunity,
      relation,
      chosen,
      { product: 'p1', amount: '4000' },
      new Set(['amount']),
      always,
    )
    expect(out).toEqual({ product: 'p1', amount: '4000', note: 'GTX Pro' })
  })

  it('replaces what a previous choice filled and clears what the new record lacks', () => {
    const before = { product: 'p2', amount: '550.00', note: 'GTX Basic' }
    expect(applyFill(opportunity, relation, { name: 'MG' }, before, new Set(), always)).toEqual({
      product: 'p2',
      note: 'MG',
    })
  })

  it('leaves a field the person may not write', () => {
    const writable = (f: FieldDefinition) => f.key !== 'amount'
    expect(applyFill(opportunity, relation, chosen, { product: 'p1' }, new Set(), writable)).toEqual({
      product: 'p1',
      note: 'GTX Pro',
    })
  })

  it('answers the same object when nothing changes, and ignores a relation without fill', () => {
    const same = { product: 'p1', amount: '4821.00', note: 'GTX Pro' }
    expect(applyFill(opportunity, relation, chosen, same, new Set(), always)).toBe(same)
    const plain = field(opportunity, 'account')
    const v = { account: 'a1' }
    expect(applyFill(opportunity, plain, chosen, v, new Set(), always)).toBe(v)
  })
})

describe('isWritable and what is sent', () => {
  it('writes a field its access lets me edit, never a read-only or computed one', () => {
    expect(isWritable(field(opportunity, 'amount'), {})).toBe(true)
    expect(isWritable(field(opportunity, 'amount'), { amount: 'read' })).toBe(false)
    expect(isWritable(field(opportunity, 'amount'), { amount: 'required' })).toBe(true)
    expect(isWritable({ key: 'x', type: 'text', readOnly: true }, {})).toBe(false)
    expect(isWritable(field(opportunity, 'list_price'), { list_price: 'edit' })).toBe(false)
  })

  it('never sends a lookup or rollup value: the server computes them when read', () => {
    const value = { product: 'p1', amount: '1.00', list_price: '4821.00', series: 'GTX' }
    expect(toSubmission(opportunity, evaluateForm(opportunity, value))).toEqual({
      product: 'p1',
      amount: '1.00',
    })
  })
})
