import { describe, expect, it } from 'vitest'
import type { AppDefinition, FieldDefinition, FormDefinition } from '../app-definition.js'
import { linkedValueField } from '../linked-fields.js'
import { verifyApp } from '../verify-app.js'

/** Accounts, their contacts, products and opportunities, with lookups, rollups and a fill that verify. */
function linkedApp(): AppDefinition {
  return {
    key: 'crm',
    name: 'CRM',
    roles: [{ key: 'sales' }],
    forms: [
      {
        key: 'account',
        title: 'Account',
        fields: [
          { key: 'name', type: 'text' },
          { key: 'sector', type: 'select', options: [{ value: 'retail' }, { value: 'tech' }] },
          {
            key: 'open_pipeline',
            type: 'rollup',
            form: 'opportunity',
            relation: 'account',
            op: 'sum',
            field: 'amount',
            where: { '!': { in: [{ var: 'state' }, ['won', 'lost']] } },
          },
          { key: 'deals', type: 'rollup', form: 'opportunity', relation: 'account', op: 'count' },
        ],
      },
      {
        key: 'contact',
        title: 'Contact',
        fields: [
          { key: 'name', type: 'text' },
          { key: 'account', type: 'relation', target: 'account' },
          { key: 'account_sector', type: 'lookup', relation: 'account', field: 'sector' },
          { key: 'account_pipeline', type: 'lookup', relation: 'account', field: 'open_pipeline' },
        ],
      },
      { key: 'product', title: 'Product', fields: [{ key: 'list_price', type: 'money' }] },
      {
        key: 'opportunity',
        title: 'Opportunity',
        fields: [
          { key: 'account', type: 'relation', target: 'account' },
          { key: 'product', type: 'relation', target: 'product', fill: { amount: 'list_price' } },
          { key: 'amount', type: 'money' },
          { key: 'close', type: 'date' },
          { key: 'note', type: 'text' },
        ],
      },
    ],
    workflows: [
      {
        key: 'deal_flow',
        form: 'opportunity',
        initial: 'open',
        states: [{ key: 'open' }, { key: 'won', final: true }, { key: 'lost', final: true }],
        transitions: [
          { key: 'win', from: ['open'], to: 'won', roles: ['sales'] },
          { key: 'lose', from: ['open'], to: 'lost', roles: ['sales'] },
        ],
      },
    ],
  }
}

const form = (app: AppDefinition, key: string) => app.forms.find((f) => f.key === key) as FormDefinition
const field = (app: AppDefinition, formKey: string, key: string) =>
  form(app, formKey).fields.find((f) => f.key === key) as FieldDefinition
const findings = (app: AppDefinition) => verifyApp(app).errors.map((e) => [e.code, e.path])

type Case = [name: string, mutate: (app: AppDefinition) => void, expected: [string, string][]]

const cases: Case[] = [
  [
    'a lookup through a field that is not a relation',
    (a) => Object.assign(field(a, 'contact', 'account_sector'), { relation: 'name' }),
    [['lookup_relation_invalid', '/forms/1/fields/2/relation']],
  ],
  [
    'a lookup through a multiple relation',
    (a) => Object.assign(field(a, 'contact', 'account'), { multiple: true }),
    [
      ['lookup_relation_invalid', '/forms/1/fields/2/relation'],
      ['lookup_relation_invalid', '/forms/1/fields/3/relation'],
    ],
  ],
  [
    'a lookup through an unknown relation',
    (a) => Object.assign(field(a, 'contact', 'account_sector'), { relation: 'acount' }),
    [['unknown_field', '/forms/1/fields/2/relation']],
  ],
  [
    'a lookup of a field the target form lacks',
    (a) => Object.assign(field(a, 'contact', 'account_sector'), { field: 'sectr' }),
    [['unknown_field', '/forms/1/fields/2/field']],
  ],
  [
    'lookups reading each other in a loop',
    (a) => {
      form(a, 'account').fields.push(
        { key: 'contact', type: 'relation', target: 'contact' },
        { key: 'echo', type: 'lookup', relation: 'contact', field: 'account_echo' },
      )
      form(a, 'contact').fields.push({
        key: 'account_echo',
        type: 'lookup',
        relation: 'account',
        field: 'echo',
      })
    },
    [['lookup_cycle', '/forms/0/fields/5/field']],
  ],
  [
    'a rollup over an unknown form',
    (a) => Object.assign(field(a, 'account', 'deals'), { form: 'deal' }),
    [['unknown_form', '/forms/0/fields/3/form']],
  ],
  [
    'a rollup through a relation to another form',
    (a) => Object.assign(field(a, 'account', 'deals'), { relation: 'product' }),
    [['rollup_relation_invalid', '/forms/0/fields/3/relation']],
  ],
  [
    'a sum without a field',
    (a) => Object.assign(field(a, 'account', 'deals'), { op: 'sum' }),
    [['rollup_field_missing', '/forms/0/fields/3/field']],
  ],
  [
    'a sum of a text field',
    (a) => Object.assign(field(a, 'account', 'open_pipeline'), { field: 'note' }),
    [['rollup_field_invalid', '/forms/0/fields/2/field']],
  ],
  [
    'a max of a date is fine, an avg of one is not',
    (a) => {
      form(a, 'account').fields.push(
        {
          key: 'last_close',
          type: 'rollup',
          form: 'opportunity',
          relation: 'account',
          op: 'max',
          field: 'close',
        },
        {
          key: 'avg_close',
          type: 'rollup',
          form: 'opportunity',
          relation: 'account',
          op: 'avg',
          field: 'close',
        },
      )
    },
    [['rollup_field_invalid', '/forms/0/fields/5/field']],
  ],
  [
    'a rollup condition SQL cannot run',
    (a) =>
      Object.assign(field(a, 'account', 'open_pipeline'), {
        where: { '>': [{ '+': [{ var: 'amount' }, 1] }, 5] },
      }),
    [['rollup_condition_unsupported', '/forms/0/fields/2/where/>']],
  ],
  [
    'a rollup condition naming an unknown state',
    (a) => Object.assign(field(a, 'account', 'open_pipeline'), { where: { '==': [{ var: 'state' }, 'wn'] } }),
    [['unknown_state', '/forms/0/fields/2/where/==/1']],
  ],
  [
    'a lookup as a subform column',
    (a) =>
      form(a, 'contact').fields.push({
        key: 'lines',
        type: 'subform',
        fields: [{ key: 'x', type: 'lookup', relation: 'account', field: 'sector' }],
      }),
    [['linked_field_in_subform', '/forms/1/fields/4/fields/0/type']],
  ],
  [
    'a fill on a subform relation column',
    (a) =>
      form(a, 'opportunity').fields.push({
        key: 'lines',
        type: 'subform',
        fields: [
          { key: 'product', type: 'relation', target: 'product', fill: { price: 'list_price' } },
          { key: 'price', type: 'money' },
        ],
      }),
    [['fill_in_subform', '/forms/3/fields/5/fields/0/fill']],
  ],
  [
    'a condition reading a rollup',
    (a) => Object.assign(field(a, 'account', 'name'), { visibleWhen: { '>': [{ var: 'deals' }, 0] } }),
    [['linked_field_in_logic', '/forms/0/fields/0/visibleWhen/>/0/var']],
  ],
  [
    'a fill on a multiple relation',
    (a) => Object.assign(field(a, 'opportunity', 'product'), { multiple: true }),
    [['fill_relation_multiple', '/forms/3/fields/1/fill']],
  ],
  [
    'a fill of a money field into a date',
    (a) => Object.assign(field(a, 'opportunity', 'product'), { fill: { close: 'list_price' } }),
    [['fill_type_mismatch', '/forms/3/fields/1/fill/close']],
  ],
  [
    'a fill from a field the target lacks, and into one this form lacks',
    (a) =>
      Object.assign(field(a, 'opportunity', 'product'), { fill: { amount: 'price', amout: 'list_price' } }),
    [
      ['unknown_field', '/forms/3/fields/1/fill/amount'],
      ['unknown_field', '/forms/3/fields/1/fill/amout'],
    ],
  ],
  [
    'a fill into a computed field',
    (a) => {
      form(a, 'opportunity').fields.push({
        key: 'sector',
        type: 'lookup',
        relation: 'account',
        field: 'sector',
      })
      Object.assign(field(a, 'opportunity', 'product'), { fill: { sector: 'list_price' } })
    },
    [['computed_field', '/forms/3/fields/1/fill/sector']],
  ],
  [
    'a set action writing a lookup',
    (a) => {
      form(a, 'opportunity').fields.push({
        key: 'sector',
        type: 'lookup',
        relation: 'account',
        field: 'sector',
      })
      a.workflows![0]!.transitions[0]!.actions = [{ type: 'set', field: 'sector', value: 'tech' }]
    },
    [['computed_field', '/workflows/0/transitions/0/actions/0/field']],
  ],
  [
    'a lookup without its field (shape)',
    (a) => {
      delete field(a, 'contact', 'account_sector').field
    },
    [['required', '/forms/1/fields/2/field']],
  ],
  [
    'a rollup with an unknown op (shape)',
    (a) => Object.assign(field(a, 'account', 'deals'), { op: 'median' }),
    [['enum', '/forms/0/fields/3/op']],
  ],
]

describe('linked data checks', () => {
  it('accept lookups, rollups and a fill that fit', () => {
    expect(findings(linkedApp())).toEqual([])
  })

  it.each(cases)('%s', (_name, mutate, expected) => {
    const app = linkedApp()
    mutate(app)
    expect(findings(app)).toEqual(expected)
  })

  it('type a lookup by the end of its chain and a rollup by its op', () => {
    const app = linkedApp()
    const contact = form(app, 'contact')
    expect(linkedValueField(app, contact, field(app, 'contact', 'account_sector'))?.type).toBe('select')
    expect(linkedValueField(app, contact, field(app, 'contact', 'account_pipeline'))).toMatchObject({
      key: 'account_pipeline',
      type: 'money',
    })
    expect(linkedValueField(app, form(app, 'account'), field(app, 'account', 'deals'))?.type).toBe('integer')
  })
})
