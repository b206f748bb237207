import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { JsonLogic } from '../app-definition.js'
import { compileLogic } from './compile-logic.js'
import { evaluate } from './evaluate.js'
import { interpret } from './interpret.js'
import type { LogicEnv } from './logic-shape.js'
import { OPERATORS } from './operators.js'

/**
 * The compiled evaluator against the reference interpreter: random expressions over random data
 * give the same value (deep, with -0 apart from 0) or the same error (class, code, message).
 */

type Outcome = { value: unknown } | { error: string; code?: unknown; message: string }

function outcome(f: () => unknown): Outcome {
  try {
    return { value: f() }
  } catch (e) {
    const err = e as Error & { code?: unknown }
    return { error: err.name, code: err.code, message: err.message }
  }
}

const now = new Date('2026-03-01T20:30:00.123Z')
const envArb = fc.constantFrom<LogicEnv>(
  { now, timeZone: 'UTC' },
  { now, timeZone: 'Asia/Shanghai' },
  { now, timeZone: 'America/New_York' },
)

// biome-ignore format: one line per kind of value
const numbers = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 1.5, 0.1, 0.2, 0.3, 2, 3, 10, 20, 25, 60, 100, -2.5, 25.5, 9.99, 1e21, 5e-7, 2 ** 53, 2 ** 53 - 1, -(2 ** 53), 1234567890.12, 123456789012345.6),
  fc.integer({ min: -1000, max: 1000 }),
  fc.integer({ min: -4, max: 4 }).map((n) => n / 4),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)
// biome-ignore format: one line per kind of text
const texts = fc.oneof(
  fc.constantFrom('0', '5', '-5', '60', '59', '100', ' 5 ', '1.50', '007', '-0', '-0.0', '1e3', '.5', '5.', '+5', '0.1', '0.30', '25.000',
    '12345678901234567890', '123456789012345', '1234567890123456', '9007199254740993', '99999999999999.9', '-12.345'),
  fc.constantFrom('', ' ', '\u00a0', 'abc', 'ABC x', 'Email Opened', 'SMS Sent', 'a.b', '😀x', '__proto__', 'constructor'),
  fc.constantFrom('2026-03-01', '2026-02-30', '2024-02-29', '2026-03-01T10:00:00Z', '2026-03-01T10:00:00+08:00',
    '2026-03-01T23:59:59.999-05:00', 'P1D', '-P1M', 'PT24H', 'P1Y2M', 'nope'),
  fc.stringMatching(/^-?\d{1,3}(\.\d{1,3})?$/),
  fc.string({ maxLength: 4 }),
)
const scalar = fc.oneof(numbers, texts, fc.boolean(), fc.constant(null))
const row = fc.record({ qty: scalar, price: scalar }, { requiredKeys: [] })
// data built in memory may hold undefined (a field set to nothing), which JSON cannot
const item = fc.oneof({ weight: 5, arbitrary: scalar }, fc.constant(undefined))
const value = fc.oneof(
  { weight: 4, arbitrary: item },
  fc.array(item, { maxLength: 4 }),
  fc.array(row, { maxLength: 3 }),
  row,
)
const KEYS = ['a', 'b', 'c', 'n', 's', 'd', 'list', 'rows', 'obj'] as const
const dataArb = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 7 })

// biome-ignore format: paths as definitions write them, inside and outside map/filter/reduce
const paths = fc.constantFrom<JsonLogic>('a', 'b', 'c', 'n', 's', 'd', 'list', 'rows', 'obj', 'obj.qty', 'rows.0.qty', 'list.1', 'list.x',
  '', 'qty', 'price', 'current', 'accumulator', 'current.qty', 'nope', 'a.b.c', '__proto__', 'constructor', 0, 1, null)

const OPS = [...OPERATORS, 'nope', 'toString']

const { expr } = fc.letrec<{ expr: JsonLogic; op: JsonLogic; varExpr: JsonLogic; list: JsonLogic[] }>(
  (tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 3, arbitrary: scalar },
      { weight: 3, arbitrary: tie('varExpr') },
      { weight: 4, arbitrary: tie('op') },
      { weight: 1, arbitrary: tie('list') },
      {
        weight: 1,
        arbitrary: fc.constantFrom<JsonLogic>({}, { a: 1, b: 2 }, JSON.parse('{"__proto__": [1]}')),
      },
    ),
    op: fc.oneof(
      fc.tuple(fc.constantFrom(...OPS), tie('list')).map(([op, args]) => ({ [op]: args })),
      fc.tuple(fc.constantFrom(...OPS), tie('expr')).map(([op, arg]) => ({ [op]: arg })),
    ),
    varExpr: fc.oneof(
      paths.map((p) => ({ var: p })),
      fc.tuple(paths, tie('expr')).map(([p, fallback]) => ({ var: [p, fallback] })),
      paths.map((p) => ({ var: [p] })),
      tie('expr').map((p) => ({ var: [p] })),
    ),
    list: fc.array(tie('expr'), { maxLength: 4 }),
  }),
)

/** Arithmetic and comparisons over numeric leaves, where the fast paths of compiled code apply. */
const numericLeaf = fc.oneof(
  numbers,
  texts,
  fc.constant(null),
  fc.constantFrom<JsonLogic>({ var: 'a' }, { var: ['b', 0] }, { var: 'n' }),
)
const ARITHMETIC = ['+', '-', '*', '/', '%', 'min', 'max', 'round', 'abs', '==', '!=', '>=', '>', '<', '<=']
const { arith } = fc.letrec<{ arith: JsonLogic }>((tie) => ({
  arith: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 2, arbitrary: numericLeaf },
    fc
      .tuple(fc.constantFrom(...ARITHMETIC), fc.array(tie('arith'), { minLength: 1, maxLength: 4 }))
      .map(([op, args]) => ({ [op]: args })),
    fc.tuple(tie('arith'), fc.integer({ min: -3, max: 22 })).map(([v, places]) => ({ round: [v, places] })),
    fc.tuple(fc.constantFrom('>=', '>', '<', '<=', '==', '!='), tie('arith'), numbers).map(([op, v, n]) => ({
      [op]: [v, n],
    })),
    fc
      .tuple(
        fc.constantFrom('==', '!=', '>=', '<'),
        fc.constantFrom<JsonLogic>({ var: 'b' }, { var: 'n' }),
        scalar,
        fc.boolean(),
      )
      .map(([op, v, constant, flip]) => ({ [op]: flip ? [constant, v] : [v, constant] })),
  ),
}))
const numericData = fc.record({ a: numbers, b: scalar, n: item }, { requiredKeys: [] })

const same = (logic: JsonLogic, data: Record<string, unknown>, env: LogicEnv) => {
  const reference = outcome(() => interpret(logic, data, env))
  expect(outcome(() => compileLogic(logic)(data, env))).toEqual(reference)
  expect(outcome(() => evaluate(logic, data, env))).toEqual(reference)
}

describe('compiled JSON Logic equals the interpreter', () => {
  it('for random expressions over random data', () => {
    fc.assert(fc.property(expr, dataArb, envArb, same), { numRuns: 4000 })
  })

  it('for random arithmetic and comparisons over numbers and numeric text', () => {
    fc.assert(fc.property(arith, numericData, envArb, same), { numRuns: 4000 })
  })

  it('for comparisons of a value with a constant, where both come from few values', () => {
    // biome-ignore format: numbers, numeric text, dates and instants that equal or order against each other
    const few = fc.constantFrom<JsonLogic>(0, -0, 1, 1.5, 5, 60, 2 ** 53, -2.5, '0', '-0', '5', ' 5', '60', '1.50', '1.5',
      '9007199254740993', '9007199254740992', '2026-03-01', '2026-03-01T00:00:00Z', '2026-03-01T05:00:00+05:00', 'abc', '', true, false, null)
    const comparison = fc
      .tuple(fc.constantFrom('==', '!=', '>=', '>', '<', '<=', '===', '!=='), few, fc.boolean())
      .map(([op, constant, flip]) => ({ [op]: flip ? [constant, { var: 'b' }] : [{ var: 'b' }, constant] }))
    const data = fc.record({ b: fc.oneof(few, fc.constant(undefined)) }, { requiredKeys: [] })
    fc.assert(fc.property(comparison, data, envArb, same), { numRuns: 3000 })
  })

  it('for operations without arguments and over the items of a list', () => {
    const bodies: JsonLogic[] = [
      ...OPS.flatMap((op) => [{ [op]: [] }, { [op]: null }]),
      { missing: [{ var: '' }] },
      { '==': [{ var: '' }] },
      { '==': [null, { var: '' }] },
      { '!=': [{ var: '' }, null] },
      { '>=': [{ var: '' }, 0] },
      { '<': [{ var: 'qty' }, 2] },
    ]
    const all = [
      ...bodies,
      ...['map', 'filter', 'all', 'none', 'some'].flatMap((op) =>
        bodies.map((b) => ({ [op]: [{ var: 'list' }, b] })),
      ),
    ]
    const listData = fc.record({ list: fc.array(fc.oneof(item, row), { maxLength: 4 }), a: value })
    fc.assert(
      fc.property(fc.oneof(dataArb, listData), envArb, (data, env) => {
        for (const logic of all) same(logic, data, env)
      }),
      { numRuns: 60 },
    )
  }, 20_000)

  it('around the nesting limit, also in branches that are not taken', () => {
    const wrap = fc.constantFrom(
      (x: JsonLogic): JsonLogic => ({ '!!': [x] }),
      (x: JsonLogic): JsonLogic => [x],
      (x: JsonLogic): JsonLogic => ({ if: [{ var: 'a' }, x, 1] }),
      (x: JsonLogic): JsonLogic => ({ map: [{ var: 'list' }, x] }),
      (x: JsonLogic): JsonLogic => ({ var: ['nope', x] }),
    )
    const deep = fc
      .tuple(fc.integer({ min: 120, max: 136 }), fc.array(wrap, { minLength: 1, maxLength: 3 }), expr)
      .map(([n, wraps, leaf]) => {
        let logic = leaf
        for (let i = 0; i < n; i++) logic = wraps[i % wraps.length]!(logic)
        return logic
      })
    fc.assert(fc.property(deep, dataArb, envArb, same), { numRuns: 300 })
  })
})

describe('compileLogic', () => {
  it('compiles an expression object once and reuses its closure', () => {
    const logic = { '+': [{ var: 'a' }, 1] }
    expect(compileLogic(logic)).toBe(compileLogic(logic))
    expect(compileLogic(logic)({ a: '0.1' }, { now, timeZone: 'UTC' })).toBe('1.1')
  })

  it('raises an unknown operator or a too deep branch only when it is evaluated', () => {
    const logic: JsonLogic = { if: [{ var: 'go' }, { nope: [] }, 'fine'] }
    const env = { now, timeZone: 'UTC' }
    expect(compileLogic(logic)({}, env)).toBe('fine')
    expect(() => compileLogic(logic)({ go: true }, env)).toThrow('unknown operator "nope"')
  })

  it('keeps decimal arithmetic exact on its fast path and beyond it', () => {
    const env = { now, timeZone: 'UTC' }
    const run = (logic: JsonLogic, data: Record<string, unknown> = {}) => compileLogic(logic)(data, env)
    expect(run({ '+': [0.1, 0.2] })).toBe('0.3')
    expect(run({ '*': ['1.50', 3] })).toBe('4.5')
    expect(run({ '+': [2 ** 53 - 1, 1] })).toBe('9007199254740992')
    expect(run({ '+': [2 ** 53 - 1, 2] })).toBe('9007199254740993')
    expect(run({ '+': ['900719925474.0991', '0.0002'] })).toBe('900719925474.0993')
    expect(run({ '*': [99999999, 99999999] })).toBe('9999999800000001')
    expect(run({ round: ['2.5'] })).toBe('3')
    expect(run({ round: ['-2.5'] })).toBe('-3')
    expect(run({ round: ['1.005', 2] })).toBe('1.01')
    expect(run({ min: ['25.00', { '/': [1532, 60] }] })).toBe('25')
    expect(run({ '>': ['9007199254740993', 2 ** 53] })).toBe(true)
    expect(run({ '==': ['9007199254740993', 2 ** 53] })).toBe(false)
  })
})
