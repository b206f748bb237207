import type { FormDefinition } from '@tessera/schemas'
import fc from 'fast-check'

/** A form with every kind of rule, and pools of valid, invalid, blank and wrong-typed values per field. */
export const agreementForm: FormDefinition = {
  key: 'agreement',
  title: 'Agreement',
  fields: [
    { key: 'name', type: 'text', required: true, maxLength: 4 },
    { key: 'flag', type: 'boolean' },
    { key: 'kind', type: 'select', options: [{ value: 'a' }, { value: 'b' }] },
    {
      key: 'note',
      type: 'text',
      visibleWhen: { var: 'flag' },
      requiredWhen: { '==': [{ var: 'kind' }, 'b'] },
    },
    { key: 'detail', type: 'integer', visibleWhen: { '!!': [{ var: 'note' }] }, required: true },
    { key: 'qty', type: 'integer', min: 0 },
    { key: 'price', type: 'money' },
    { key: 'total', type: 'formula', decimals: 2, expression: { '*': [{ var: 'qty' }, { var: 'price' }] } },
    { key: 'approver', type: 'user', visibleWhen: { '>': [{ var: 'total' }, 100] }, required: true },
    { key: 'email', type: 'email' },
    { key: 'site', type: 'url' },
    { key: 'phone', type: 'phone' },
    { key: 'day', type: 'date', min: '2020-01-01' },
    { key: 'at', type: 'datetime' },
    { key: 'tags', type: 'multiselect', options: [{ value: 'x' }, { value: 'y' }] },
    { key: 'files', type: 'file', maxFiles: 2 },
    { key: 'stars', type: 'rating' },
    { key: 'share', type: 'percent', max: 100 },
    { key: 'addr', type: 'address', visibleWhen: { '==': [{ var: 'kind' }, 'a'] }, required: true },
    { key: 'count', type: 'integer' },
    { key: 'why', type: 'text', visibleWhen: { var: 'count' }, required: true },
    { key: 'fee', type: 'money' },
    { key: 'fee_note', type: 'text', visibleWhen: { '!!': { var: 'fee' } }, required: true },
    { key: 'contact', type: 'email' },
    {
      key: 'contact_ok',
      type: 'boolean',
      visibleWhen: { '==': [{ var: 'contact' }, 'a@b.co'] },
      required: true,
    },
    {
      key: 'items',
      type: 'subform',
      fields: [
        { key: 'sku', type: 'text', required: true },
        { key: 'n', type: 'integer', visibleWhen: { '!=': [{ var: 'sku' }, 'free'] } },
      ],
    },
  ],
}

const blank = fc.constantFrom<unknown>('', '  ', '\u00a0', null)
/** per field: values it accepts, and values it refuses (alone) */
const pools: Record<string, [valid: unknown[], invalid: unknown[]]> = {
  name: [
    ['Ana', 'a😀b'],
    ['👍🏽ab', 'toolong', 5, 'a\u0000'],
  ],
  flag: [[true, false], ['true']],
  kind: [['a', 'b'], ['c']],
  note: [['n', 'Acme Partner'], [3]],
  detail: [
    [1, '2'],
    ['x', 1.5],
  ],
  qty: [
    [0, 2, '3'],
    [-1, 'x', 1.5],
  ],
  price: [
    ['60', 12.5, '0.1', 100],
    ['1.234', 'x'],
  ],
  total: [['999', 5], []],
  approver: [['u1'], ['u 1', 3]],
  email: [['a@b.co', ' a@b.co '], ['nope']],
  site: [['https://x.org'], ['x.org']],
  phone: [['+44 20 7946 0000'], ['123']],
  day: [['2024-02-29'], ['2026-02-29', '2019-01-01']],
  at: [['2026-03-01T10:00:00+08:00'], ['2026-03-01T10:00:00']],
  tags: [
    [['x'], ['x', 'y'], []],
    [['x', 'x'], ['z'], 'x'],
  ],
  files: [
    [['f1'], ['f1', 'f2']],
    [['f1', 'f2', 'f3'], 'f1'],
  ],
  stars: [
    [1, 5, '3'],
    [6, 0],
  ],
  share: [['12.5'], ['101', 'x']],
  addr: [
    [{ country: 'CN', city: 'A', street: 'B' }, {}],
    [{ country: 'CN' }, 'x', { city: 5 }],
  ],
  count: [[0, '0', 3, ' 3 '], ['x']],
  why: [['because'], []],
  fee: [[0, '0', '0.00', 5, '5.5'], ['x']],
  fee_note: [['n'], []],
  contact: [['a@b.co', ' a@b.co '], []],
  contact_ok: [[true], ['yes']],
  items: [
    [[{ sku: 'a', n: 1 }], [{ sku: 'free', n: 'x' }], [{}], [{ sku: 'a' }, { sku: 'b', n: '2' }]],
    [[{ sku: 'a', n: 'x' }], [{ n: 1 }], [{ sku: 'a', other: 1 }], 'rows'],
  ],
}

const field = ([valid, invalid]: [unknown[], unknown[]]) =>
  fc.oneof(
    { weight: 14, arbitrary: fc.constantFrom(...valid) },
    { weight: 3, arbitrary: blank },
    ...(invalid.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...invalid) }] : []),
  )
export const agreementSubmission = fc.record(
  Object.fromEntries(Object.entries(pools).map(([key, pool]) => [key, field(pool)])),
  {
    requiredKeys: ['name'],
  },
)
