import type { FieldDefinition, FormDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { isTesseraError } from '../errors.js'
import { compileForm } from './compile-form.js'
import { PROBLEM_CODES, messageFor } from './messages.js'

const form = (fields: FieldDefinition[]): FormDefinition => ({ key: 'f', title: 'F', fields })
const codes = (r: { errors: { path: string; code: string }[] }) => r.errors.map((e) => [e.path, e.code])
const create = { mode: 'create' } as const

const lead = compileForm(
  form([
    { key: 'email', type: 'email', label: { en: 'Email', 'zh-CN': '邮箱' }, required: true, unique: true },
    { key: 'company', type: 'text', unique: true },
    { key: 'score', type: 'integer' },
    { key: 'owner', type: 'user' },
    { key: 'account', type: 'relation', target: 'account' },
    { key: 'nda', type: 'file', accept: ['application/pdf'], maxSize: 25_000_000 },
    { key: 'no', type: 'serial', format: 'LEAD-{YYYY}-{000000}' },
    { key: 'qualified_at', type: 'datetime', readOnly: true },
    { key: 'grade', type: 'formula', expression: { if: [{ '>=': [{ var: 'score' }, 60] }, 'A', 'B'] } },
  ]),
)

describe('compileForm: the shape of a submission', () => {
  it('rejects unknown keys by name, all problems at once', () => {
    const r = lead.prepare({ email: 'bad', colour: 'red', 'a/b': 1 }, create)
    expect(codes(r)).toEqual([
      ['/colour', 'unknown_field'],
      ['/a~1b', 'unknown_field'],
      ['/email', 'email'],
    ])
    expect(r.errors[0]!.message.en).toContain('"colour"')
    expect(r.errors[2]!.message['zh-CN']).toContain('邮箱')
  })

  it('survives hostile nesting in a value', () => {
    let deep: unknown = 'x'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(codes(lead.prepare({ email: 'a@b.co', company: deep }, create))).toEqual([['/company', 'type']])
  })

  it('refuses data that is not an object', () => {
    expect(codes(lead.prepare([1], create))).toEqual([['/', 'not_an_object']])
    expect(codes(lead.prepare('x', create))).toEqual([['/', 'not_an_object']])
  })

  it('ignores server-computed fields a client sends (formula, serial, readOnly)', () => {
    const r = lead.prepare(
      { email: 'a@b.co', score: 70, no: 'LEAD-1999-000001', qualified_at: 'garbage', grade: 'Z' },
      create,
    )
    expect(r.errors).toEqual([])
    expect(r.data).toEqual({ email: 'a@b.co', score: 70, grade: 'A' })
  })
})

describe('compileForm: references and uniqueness for the database', () => {
  it('lists relations, users, files, unique values and serials to assign', () => {
    const r = lead.prepare(
      { email: ' Ana.Silva@Example.COM ', company: ' Cafe\u0301 ', owner: 'u1', account: 'r1', nda: ['f1'] },
      create,
    )
    expect(r.data.email).toBe('Ana.Silva@Example.COM')
    expect(r.refs).toEqual({
      relations: [{ path: '/account', field: 'account', target: 'account', ids: ['r1'] }],
      users: [{ path: '/owner', field: 'owner', ids: ['u1'] }],
      files: [{ path: '/nda', field: 'nda', ids: ['f1'], accept: ['application/pdf'], maxSize: 25_000_000 }],
      unique: [
        { field: 'email', value: 'ana.silva@example.com' },
        { field: 'company', value: 'Café' },
      ],
      serials: ['no'],
    })
  })

  it('on update lists only references that change, and no serials', () => {
    const existing = { email: 'a@b.co', owner: 'u1', account: 'r1', no: 'LEAD-2026-000001' }
    const r = lead.prepare({ owner: 'u2', account: 'r1' }, { mode: 'update', existing })
    expect(r.data).toEqual({
      email: 'a@b.co',
      owner: 'u2',
      account: 'r1',
      no: 'LEAD-2026-000001',
      grade: 'B',
    })
    expect(r.refs.users).toEqual([{ path: '/owner', field: 'owner', ids: ['u2'] }])
    expect(r.refs.relations).toEqual([])
    expect(r.refs.serials).toEqual([])
    expect(r.refs.unique).toEqual([{ field: 'email', value: 'a@b.co' }])
  })

  it('names the row in messages of subform problems', () => {
    const order = compileForm(
      form([
        {
          key: 'items',
          type: 'subform',
          label: { en: 'Items', 'zh-CN': '明细' },
          fields: [{ key: 'qty', type: 'integer', label: { en: 'Qty', 'zh-CN': '数量' } }],
        },
      ]),
    )
    const r = order.prepare({ items: [{ qty: 1 }, { qty: 'x' }] }, create)
    expect(r.errors).toEqual([
      {
        path: '/items/1/qty',
        code: 'integer',
        message: { en: 'Items row 2: Qty must be a whole number.', 'zh-CN': '明细第 2 行的数量必须是整数。' },
      },
    ])
  })

  it('points references inside subform rows', () => {
    const order = compileForm(
      form([
        { key: 'items', type: 'subform', fields: [{ key: 'product', type: 'relation', target: 'product' }] },
      ]),
    )
    const r = order.prepare({ items: [{ product: 'p1' }, { product: 'p2' }] }, create)
    expect(r.refs.relations).toEqual([
      { path: '/items/0/product', field: 'items.product', target: 'product', ids: ['p1'] },
      { path: '/items/1/product', field: 'items.product', target: 'product', ids: ['p2'] },
    ])
  })
})

describe('compileForm: modes', () => {
  const deal = compileForm(
    form([
      { key: 'name', type: 'text', required: true },
      { key: 'stage', type: 'select', options: [{ value: 'open' }, { value: 'won' }] },
      { key: 'amount', type: 'money' },
      { key: 'reason', type: 'textarea' },
    ]),
  )

  it('update merges the input over the stored data and validates the merged whole', () => {
    const existing = { name: 'Big deal', stage: 'lost', amount: '10.00' }
    const r = deal.prepare({ amount: '12' }, { mode: 'update', existing })
    expect(codes(r)).toEqual([['/stage', 'option']])
    const ok = deal.prepare({ stage: 'won' }, { mode: 'update', existing })
    expect(ok.data).toEqual({ name: 'Big deal', stage: 'won', amount: '10.00' })
  })

  it('update refuses a changed value the actor may not write, but accepts it sent back unchanged', () => {
    const existing = { name: 'Big deal', stage: 'open', amount: '10.00' }
    const writable = (key: string) => key === 'stage'
    const unchanged = deal.prepare(
      { name: 'Big deal', amount: 10, stage: 'won' },
      { mode: 'update', existing, writable },
    )
    expect(unchanged.errors).toEqual([])
    const changed = deal.prepare({ amount: 'x', stage: 'won' }, { mode: 'update', existing, writable })
    expect(codes(changed)).toEqual([['/amount', 'readonly']])
    expect(changed.errors[0]!.message.en).toContain('cannot be changed')
  })

  it('an object sent back in another key order is unchanged (jsonb reorders keys)', () => {
    const f = compileForm(
      form([
        { key: 'addr', type: 'address' },
        { key: 'note', type: 'text' },
      ]),
    )
    const existing = { addr: { city: '杭州', street: '文三路 1 号', country: 'CN' } }
    const writable = (key: string) => key === 'note'
    const input = { addr: { country: 'CN', street: '文三路 1 号', city: '杭州' }, note: 'x' }
    const r = f.prepare(input, { mode: 'update', existing, writable })
    expect(r.errors).toEqual([])
    expect(Object.keys(r.data.addr as object)).toEqual(['country', 'city', 'street'])
  })

  it('create refuses a value for a field the actor may not write; an empty one is no write', () => {
    const writable = (key: string) => key !== 'reason'
    expect(codes(deal.prepare({ name: 'x', reason: 'why' }, { mode: 'create', writable }))).toEqual([
      ['/reason', 'readonly'],
    ])
    expect(deal.prepare({ name: 'x', reason: '' }, { mode: 'create', writable }).ok).toBe(true)
  })

  it('reports readonly problems in field order with the others', () => {
    const writable = (key: string) => key !== 'name'
    const r = deal.prepare({ name: 'x', stage: 'nope', amount: 'x' }, { mode: 'create', writable })
    expect(codes(r)).toEqual([
      ['/name', 'readonly'],
      ['/stage', 'option'],
      ['/amount', 'number'],
    ])
  })

  it('extra required keys (state required, transition requires) are enforced', () => {
    const existing = { name: 'Big deal' }
    const r = deal.prepare({}, { mode: 'update', existing, required: ['reason', 'stage'] })
    expect(codes(r)).toEqual([
      ['/stage', 'required'],
      ['/reason', 'required'],
    ])
  })

  it('serverValues set readOnly and serial fields (an action, an import), validated, not subject to writable', () => {
    const existing = { email: 'a@b.co', no: 'LEAD-2026-000001' }
    const r = lead.prepare(
      { qualified_at: '1999-01-01T00:00:00Z' },
      {
        mode: 'update',
        existing,
        writable: () => false,
        serverValues: { qualified_at: '2026-03-01T10:00:00+08:00', score: 80 },
      },
    )
    expect(r.errors).toEqual([])
    expect(r.data).toMatchObject({ qualified_at: '2026-03-01T02:00:00.000Z', score: 80, grade: 'A' })
    const imported = lead.prepare(
      { email: 'c@d.co' },
      { mode: 'create', serverValues: { no: 'LEAD-2019-000042' } },
    )
    expect(imported.data.no).toBe('LEAD-2019-000042')
    expect(imported.refs.serials).toEqual([])
    const bad = lead.prepare({}, { mode: 'update', existing, serverValues: { qualified_at: 'soon' } })
    expect(codes(bad)).toEqual([['/qualified_at', 'datetime']])
  })

  it('draft checks everything but required', () => {
    expect(deal.prepare({}, { mode: 'draft' }).ok).toBe(true)
    expect(codes(deal.prepare({ amount: '1.234' }, { mode: 'draft' }))).toEqual([['/amount', 'scale']])
    const resumed = deal.prepare({ stage: 'open' }, { mode: 'draft', existing: { amount: '5.00' } })
    expect(resumed.data).toEqual({ stage: 'open', amount: '5.00' })
  })
})

describe('compileForm: conditions, defaults and formulas', () => {
  it('requiredWhen alone makes a field required while its condition holds', () => {
    const f = compileForm(
      form([
        { key: 'status', type: 'select', options: [{ value: 'lost' }, { value: 'won' }] },
        { key: 'lost_reason', type: 'text', requiredWhen: { '==': [{ var: 'status' }, 'lost'] } },
      ]),
    )
    expect(codes(f.prepare({ status: 'lost' }, create))).toEqual([['/lost_reason', 'required']])
    expect(f.validateSchema({ status: 'lost' })).toBe(false)
    expect(f.prepare({ status: 'won' }, create).ok).toBe(true)
    expect(f.validateSchema({ status: 'won' })).toBe(true)
  })

  it('hiding cascades: a field shown by a hidden field is hidden too', () => {
    const f = compileForm(
      form([
        { key: 'a', type: 'boolean' },
        { key: 'b', type: 'boolean', visibleWhen: { var: 'a' } },
        { key: 'c', type: 'text', visibleWhen: { var: 'b' }, required: true },
      ]),
    )
    const r = f.prepare({ a: false, b: true, c: 'x' }, create)
    expect(r.errors).toEqual([])
    expect(r.data).toEqual({ a: false })
  })

  it('a hidden field with an invalid value is dropped, not an error', () => {
    const f = compileForm(
      form([
        { key: 'a', type: 'boolean' },
        { key: 'n', type: 'integer', visibleWhen: { var: 'a' } },
      ]),
    )
    expect(f.prepare({ a: false, n: 'abc' }, create)).toMatchObject({ ok: true, data: { a: false } })
    expect(codes(f.prepare({ a: true, n: 'abc' }, create))).toEqual([['/n', 'integer']])
  })

  it('defaults fill absent keys on create (literal or expression), not keys sent empty', () => {
    const f = compileForm(
      form([
        { key: 'status', type: 'select', options: [{ value: 'new' }], default: 'new' },
        { key: 'on', type: 'date', default: { today: [] } },
      ]),
    )
    const now = new Date('2026-03-01T20:00:00Z')
    expect(f.prepare({}, { mode: 'create', now, timeZone: 'Asia/Shanghai' }).data).toEqual({
      status: 'new',
      on: '2026-03-02',
    })
    expect(f.prepare({ status: '' }, { mode: 'create', now }).data).toEqual({ on: '2026-03-01' })
    expect(f.prepare({}, { mode: 'update', existing: {} }).data).toEqual({})
  })

  it('a default expression that fails is a problem on its field, not a crash', () => {
    const f = compileForm(
      form([{ key: 'due', type: 'date', default: { add_duration: [{ today: [] }, 'soon'] } }]),
    )
    expect(codes(f.prepare({}, create))).toEqual([['/due', 'formula']])
  })

  it('formulas run in dependency order, whatever the field order', () => {
    const f = compileForm(
      form([
        { key: 'total', type: 'formula', decimals: 2, expression: { '*': [{ var: 'subtotal' }, '1.1'] } },
        { key: 'subtotal', type: 'formula', expression: { sum: [{ var: 'items' }, 'amount'] } },
        { key: 'items', type: 'subform', fields: [{ key: 'amount', type: 'money' }] },
      ]),
    )
    const r = f.prepare({ items: [{ amount: '10' }, { amount: '0.05' }] }, create)
    expect(r.data).toEqual({
      total: '11.06',
      subtotal: '10.05',
      items: [{ amount: '10.00' }, { amount: '0.05' }],
    })
  })

  it('a condition may read a formula', () => {
    const f = compileForm(
      form([
        { key: 'amount', type: 'money' },
        { key: 'big', type: 'formula', expression: { '>': [{ var: 'amount' }, 10000] } },
        { key: 'approver', type: 'user', visibleWhen: { var: 'big' }, required: true },
      ]),
    )
    expect(codes(f.prepare({ amount: 20000 }, create))).toEqual([['/approver', 'required']])
    expect(f.prepare({ amount: 5, approver: 'u1' }, create).data).toEqual({ amount: '5.00', big: false })
  })

  it('a formula that cannot be computed over the data is a problem on that field', () => {
    const f = compileForm(
      form([
        { key: 'code', type: 'text' },
        { key: 'double', type: 'formula', expression: { '*': [{ var: 'code' }, 2] } },
      ]),
    )
    const r = f.prepare({ code: 'abc' }, create)
    expect(codes(r)).toEqual([['/double', 'formula']])
    expect(r.errors[0]!.message.en).toContain('not a number')
  })

  it('a required address needs country, city and street', () => {
    const f = compileForm(form([{ key: 'addr', type: 'address', required: true }]))
    expect(codes(f.prepare({ addr: { country: 'CN', province: 'Zhejiang' } }, create))).toEqual([
      ['/addr/city', 'required'],
      ['/addr/street', 'required'],
    ])
    expect(codes(f.prepare({ addr: { city: ' ' } }, create))).toEqual([['/addr', 'required']])
    expect(f.validateSchema({ addr: { country: 'CN', province: 'Zhejiang' } })).toBe(false)
    expect(f.validateSchema({ addr: { country: 'CN', city: '杭州', street: '文三路 1 号' } })).toBe(true)
  })
})

describe('compileForm: definitions it refuses, and caching', () => {
  const refused = (fields: FieldDefinition[]) => {
    try {
      compileForm(form(fields))
    } catch (e) {
      return isTesseraError(e) ? e.code : 'other'
    }
    return 'compiled'
  }

  it('refuses a formula cycle, a bad pattern, a pattern that can backtrack badly, an empty subform', () => {
    expect(
      refused([
        { key: 'a', type: 'formula', expression: { var: 'b' } },
        { key: 'b', type: 'formula', expression: { var: 'a' } },
      ]),
    ).toBe('DEFINITION_INVALID')
    expect(refused([{ key: 't', type: 'text', pattern: '([a-z' }])).toBe('DEFINITION_INVALID')
    expect(refused([{ key: 't', type: 'text', pattern: '^(a+)+$' }])).toBe('DEFINITION_INVALID')
    expect(refused([{ key: 's', type: 'subform', fields: [] }])).toBe('DEFINITION_INVALID')
    expect(refused([{ key: 't', type: 'text', pattern: '^\\p{L}+$' }])).toBe('compiled')
  })

  it('compiles a definition once, per object or per key', () => {
    const def = form([{ key: 'x', type: 'text' }])
    expect(compileForm(def)).toBe(compileForm(def))
    const keyed = compileForm(def, { key: 'crm:lead:3' })
    expect(compileForm(form([{ key: 'x', type: 'text' }]), { key: 'crm:lead:3' })).toBe(keyed)
  })
})

describe('messages', () => {
  it('every code has a message in zh-CN and en', () => {
    const label = { 'zh-CN': '字段', en: 'Field' }
    for (const code of PROBLEM_CODES) {
      const m = messageFor(code, label, { limit: 3, actual: 4, key: 'k', options: 'a, b', detail: 'd' })
      // a form rule's message is its author's, given as the label
      if (code === 'rule') {
        expect(m).toEqual(label)
        continue
      }
      expect(m.en.length, code).toBeGreaterThan(5)
      expect(m['zh-CN'].length, code).toBeGreaterThan(3)
      expect(m['zh-CN'], code).not.toBe(m.en)
    }
  })
})
