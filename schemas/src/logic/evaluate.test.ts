import { describe, expect, it } from 'vitest'
import { evaluate } from './evaluate.js'
import { LogicError } from './logic-error.js'
import { OPERATORS } from './operators.js'

const now = new Date('2026-03-01T20:30:00Z')
const ev = (logic: unknown, data: Record<string, unknown> = {}, timeZone = 'UTC') =>
  evaluate(logic as never, data, { now, timeZone })

describe('evaluate: data access', () => {
  it('var reads dotted paths, array indexes and defaults; missing is null', () => {
    const data = { a: { b: 2 }, items: [{ qty: '3' }], zero: 0 }
    expect(ev({ var: 'a.b' }, data)).toBe(2)
    expect(ev({ var: ['items.0.qty'] }, data)).toBe('3')
    expect(ev({ var: 'nope' }, data)).toBeNull()
    expect(ev({ var: ['nope', 'fallback'] }, data)).toBe('fallback')
    expect(ev({ var: 'zero' }, data)).toBe(0)
    expect(ev({ var: '' }, data)).toEqual(data)
  })
  it('var never reads the prototype chain', () => {
    expect(ev({ var: 'constructor' }, {})).toBeNull()
    expect(ev({ var: 'a.__proto__' }, { a: {} })).toBeNull()
  })
  it('missing and missing_some treat "", whitespace and [] as absent', () => {
    const data = { a: 1, b: '', c: ' \u00a0', d: [] }
    expect(ev({ missing: ['a', 'b', 'c', 'd', 'e'] }, data)).toEqual(['b', 'c', 'd', 'e'])
    expect(ev({ missing_some: [1, ['a', 'b']] }, data)).toEqual([])
    expect(ev({ missing_some: [2, ['a', 'b']] }, data)).toEqual(['b'])
  })
})

describe('evaluate: logic', () => {
  it('if chains, ?: and short-circuit or/and return values', () => {
    expect(ev({ if: [false, 1, true, 2, 3] })).toBe(2)
    expect(ev({ if: [false, 1, 3] })).toBe(3)
    expect(ev({ if: [false, 1] })).toBeNull()
    expect(ev({ '?:': [[], 'yes', 'no'] })).toBe('no')
    expect(ev({ or: [0, '', 'x'] })).toBe('x')
    expect(ev({ and: [1, 0, { var: 'never.evaluated' }] })).toBe(0)
  })
  it('! and !! follow JSON Logic truthiness ([] is false, "0" is true)', () => {
    expect(ev({ '!': [[]] })).toBe(true)
    expect(ev({ '!!': ['0'] })).toBe(true)
    expect(ev({ '!!': [0] })).toBe(false)
    expect(ev({ '!': null })).toBe(true)
  })
  it('== compares numerics as decimals and null only with null; === keeps types', () => {
    expect(ev({ '==': ['1000.00', 1000] })).toBe(true)
    expect(ev({ '==': [null, 0] })).toBe(false)
    expect(ev({ '==': [{ var: 'x' }, null] })).toBe(true)
    expect(ev({ '!=': ['a', 'b'] })).toBe(true)
    expect(ev({ '===': ['1', 1] })).toBe(false)
    expect(ev({ '===': [1.5, 1.5] })).toBe(true)
    expect(ev({ '!==': [true, 'true'] })).toBe(true)
    expect(ev({ '==': [true, 'true'] })).toBe(false)
  })
  it('== on dates and instants compares the moment', () => {
    expect(ev({ '==': ['2026-03-01T10:00:00+08:00', '2026-03-01T02:00:00Z'] })).toBe(true)
  })
})

describe('evaluate: comparisons', () => {
  it('compares decimal strings numerically, not as text', () => {
    expect(ev({ '>': ['10', '9'] })).toBe(true)
    expect(ev({ '>=': [{ var: 'score' }, 60] }, { score: '60.00' })).toBe(true)
    expect(ev({ '<': ['9007199254740993', '9007199254740994'] })).toBe(true)
    expect(ev({ '<=': [2, 2] })).toBe(true)
  })
  it('compares dates and instants chronologically', () => {
    expect(ev({ '<': ['2026-01-09', '2026-01-10'] })).toBe(true)
    expect(ev({ '>': ['2026-03-01T10:00:00+08:00', '2026-03-01T01:00:00Z'] })).toBe(true)
    // a date is its start of day in the app's zone: Shanghai midnight is 16:00 UTC the day before
    expect(ev({ '<': ['2026-03-01', '2026-02-28T17:00:00Z'] }, {}, 'Asia/Shanghai')).toBe(true)
  })
  it('a missing value is neither above nor below anything', () => {
    expect(ev({ '>=': [{ var: 'score' }, 60] })).toBe(false)
    expect(ev({ '<': [{ var: 'score' }, 60] })).toBe(false)
  })
  it('< and <= with three arguments test between', () => {
    expect(ev({ '<': [1, 2, 3] })).toBe(true)
    expect(ev({ '<': [1, 3, 3] })).toBe(false)
    expect(ev({ '<=': [1, 3, 3] })).toBe(true)
  })
})

describe('evaluate: decimal arithmetic', () => {
  it('0.1 + 0.2 is "0.3", with canonical decimal strings', () => {
    expect(ev({ '+': [0.1, 0.2] })).toBe('0.3')
    expect(ev({ '+': ['1000.00', '200.50'] })).toBe('1200.5')
    expect(ev({ '+': ['12345678901.23', 0] })).toBe('12345678901.23')
    expect(ev({ '+': '3.140' })).toBe('3.14')
  })
  it('a missing addend adds nothing, but all missing is no value (never a made-up 0)', () => {
    expect(ev({ '+': [{ var: 'a' }, 5] })).toBe('5')
    expect(ev({ '+': [{ var: 'a' }, { var: 'b' }] })).toBeNull()
    expect(ev({ '-': [{ var: 'a' }, 5] })).toBe('-5')
  })
  it('- negates and subtracts; * multiplies; missing factor gives null', () => {
    expect(ev({ '-': ['0.3', '0.1'] })).toBe('0.2')
    expect(ev({ '-': [2] })).toBe('-2')
    expect(ev({ '*': ['19.99', 3] })).toBe('59.97')
    expect(ev({ '*': [{ var: 'qty' }, '2.50'] })).toBeNull()
  })
  it('/ and % are exact and a zero divisor has no result', () => {
    expect(ev({ '/': [1, 4] })).toBe('0.25')
    expect(ev({ '/': [1, 0] })).toBeNull()
    expect(ev({ '%': ['7.5', 2] })).toBe('1.5')
    expect(ev({ '%': [-7, 2] })).toBe('-1')
  })
  it('max and min over numerics and over dates', () => {
    expect(ev({ max: [1, '2.5', null] })).toBe('2.5')
    expect(ev({ min: ['0.10', '0.2'] })).toBe('0.1')
    expect(ev({ max: ['2026-01-02', '2026-03-01'] })).toBe('2026-03-01')
    expect(ev({ max: [] })).toBeNull()
  })
  it('non-numeric text in arithmetic is a typed error, not NaN', () => {
    expect(() => ev({ '+': ['abc', 1] })).toThrow(LogicError)
    try {
      ev({ '*': ['1', 'x'] })
    } catch (e) {
      expect((e as LogicError).code).toBe('NOT_A_NUMBER')
    }
  })
  it('round is half-up, also to tens', () => {
    expect(ev({ round: ['2.345', 2] })).toBe('2.35')
    expect(ev({ round: ['-2.5'] })).toBe('-3')
    expect(ev({ round: [1250, -2] })).toBe('1300')
    expect(() => ev({ round: [1, 1.5] })).toThrow(LogicError)
  })
  it('abs', () => {
    expect(ev({ abs: '-0.50' })).toBe('0.5')
    expect(ev({ abs: null })).toBeNull()
  })
  it('sum adds a list or a subform column exactly', () => {
    expect(ev({ sum: [[0.3, 0.6]] })).toBe('0.9')
    expect(
      ev({ sum: [{ var: 'items' }, 'amount'] }, { items: [{ amount: '0.10' }, { amount: '0.20' }, {}] }),
    ).toBe('0.3')
    expect(ev({ sum: [{ var: 'items' }] })).toBeNull()
  })
  it('count is a JSON number', () => {
    expect(ev({ count: [{ var: 'items' }] }, { items: [1, 2, 3] })).toBe(3)
    expect(ev({ count: [{ var: 'nothing' }] })).toBe(0)
  })
})

describe('evaluate: text and lists', () => {
  it('in tests substrings and membership', () => {
    expect(ev({ in: ['Spring', 'Springfield'] })).toBe(true)
    expect(ev({ in: ['b', ['a', 'b']] })).toBe(true)
    expect(ev({ in: [2, ['1', '2.0']] })).toBe(true)
    expect(ev({ in: ['x', null] })).toBe(false)
  })
  it('cat joins, missing values as nothing', () => {
    expect(ev({ cat: ['Hi ', { var: 'name' }, '!', 1] }, { name: 'Ana' })).toBe('Hi Ana!1')
    expect(ev({ cat: ['a', null] })).toBe('a')
  })
  it('substr counts code points (an emoji is never cut in half)', () => {
    expect(ev({ substr: ['a😀bc', 1, 2] })).toBe('😀b')
    expect(ev({ substr: ['hello', -3] })).toBe('llo')
    expect(ev({ substr: ['hello', 1, -1] })).toBe('ell')
  })
  it('lower, upper, trim and length (code points)', () => {
    expect(ev({ lower: 'Ana.Silva@Example.COM' })).toBe('ana.silva@example.com')
    expect(ev({ upper: 'abc' })).toBe('ABC')
    expect(ev({ trim: '  x \u00a0' })).toBe('x')
    expect(ev({ length: 'a😀b' })).toBe(3)
    expect(ev({ length: [[1, 2]] })).toBe(2)
    expect(ev({ length: null })).toBe(0)
  })
  it('empty is true for absent, "", whitespace and []', () => {
    expect(ev({ empty: [{ var: 'x' }] })).toBe(true)
    expect(ev({ empty: ['\u00a0'] })).toBe(true)
    expect(ev({ empty: [[]] })).toBe(true)
    expect(ev({ empty: [0] })).toBe(false)
  })
  it('merge flattens one level', () => {
    expect(ev({ merge: [[1, 2], 3, [[4]]] })).toEqual([1, 2, 3, [4]])
  })
  it('map, filter, reduce run over items', () => {
    const data = { items: [{ qty: 2 }, { qty: 3 }] }
    expect(ev({ map: [{ var: 'items' }, { var: 'qty' }] }, data)).toEqual([2, 3])
    expect(ev({ filter: [{ var: 'items' }, { '>': [{ var: 'qty' }, 2] }] }, data)).toEqual([{ qty: 3 }])
    expect(
      ev({ reduce: [{ var: 'items' }, { '+': [{ var: 'accumulator' }, { var: 'current.qty' }] }, 0] }, data),
    ).toBe('5')
  })
  it('all, none, some (all over an empty list is false)', () => {
    expect(ev({ all: [[1, 2], { '>': [{ var: '' }, 0] }] })).toBe(true)
    expect(ev({ all: [[], true] })).toBe(false)
    expect(ev({ none: [[1, 2], { '>': [{ var: '' }, 5] }] })).toBe(true)
    expect(ev({ some: [[1, 7], { '>': [{ var: '' }, 5] }] })).toBe(true)
  })
})

describe('evaluate: time', () => {
  it('now is the context clock in UTC ISO 8601', () => {
    expect(ev({ now: [] })).toBe('2026-03-01T20:30:00.000Z')
  })
  it('today is the date in the app time zone', () => {
    expect(ev({ today: [] })).toBe('2026-03-01')
    expect(ev({ today: [] }, {}, 'Asia/Shanghai')).toBe('2026-03-02')
  })
  it('add_duration keeps dates as dates and instants as instants', () => {
    expect(ev({ add_duration: ['2026-01-31', 'P1M'] })).toBe('2026-02-28')
    expect(ev({ add_duration: ['2026-03-01T20:30:00Z', 'PT24H'] })).toBe('2026-03-02T20:30:00.000Z')
    expect(ev({ add_duration: ['2026-03-10', '-P10D'] })).toBe('2026-02-28')
    expect(ev({ add_duration: [{ var: 'x' }, 'P1D'] })).toBeNull()
    expect(() => ev({ add_duration: ['2026-01-01', 'one day'] })).toThrow(LogicError)
  })
  it('days_between counts calendar days b - a', () => {
    expect(ev({ days_between: ['2026-01-01', '2026-03-01'] })).toBe(59)
    expect(ev({ days_between: ['2026-03-01', '2026-01-01'] })).toBe(-59)
    expect(ev({ days_between: ['2026-03-01T23:00:00Z', '2026-03-02T01:00:00Z'] })).toBe(1)
    expect(ev({ days_between: [{ now: [] }, '2026-03-05'] })).toBe(4)
  })
})

describe('evaluate: safety', () => {
  it('an unknown operator is a typed error naming it', () => {
    try {
      ev({ eval: ['1+1'] })
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(LogicError)
      expect((e as LogicError).code).toBe('UNKNOWN_OPERATOR')
      expect((e as LogicError).operator).toBe('eval')
    }
    expect(() => ev({ toString: [] })).toThrow(LogicError)
  })
  it('literals evaluate to themselves', () => {
    expect(ev(5)).toBe(5)
    expect(ev('x')).toBe('x')
    expect(ev(null)).toBeNull()
    expect(ev([1, { var: 'a' }], { a: 2 })).toEqual([1, 2])
    expect(ev({ a: 1, b: 2 })).toEqual({ a: 1, b: 2 })
  })
  it('hostile nesting ends in TOO_DEEP, not a stack overflow', () => {
    let logic: unknown = 1
    for (let i = 0; i < 500; i++) logic = { '!': [logic] }
    expect(() => ev(logic)).toThrow(/deeper/)
  })
  it('implements every operator of OPERATORS', () => {
    for (const op of OPERATORS) {
      try {
        ev({ [op]: [] })
      } catch (e) {
        expect((e as LogicError).code).not.toBe('UNKNOWN_OPERATOR')
      }
    }
  })
})
