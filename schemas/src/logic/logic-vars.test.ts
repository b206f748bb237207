import { describe, expect, it } from 'vitest'
import { logicVars } from './logic-vars.js'

describe('logicVars', () => {
  it('lists the field keys a condition reads, once, in order', () => {
    expect(
      logicVars({
        and: [{ '==': [{ var: 'source' }, 'event'] }, { '>': [{ var: 'score' }, { var: 'source' }] }],
      }),
    ).toEqual(['source', 'score'])
  })
  it('takes the field of a dotted path and the keys of missing', () => {
    expect(
      logicVars({
        or: [{ var: 'address.city' }, { missing: ['email', 'phone'] }, { missing_some: [1, ['a']] }],
      }),
    ).toEqual(['address', 'email', 'phone', 'a'])
  })
  it('does not count item variables of map/filter/reduce as fields', () => {
    expect(
      logicVars({
        reduce: [
          { var: 'items' },
          { '+': [{ var: 'accumulator' }, { var: 'current.qty' }] },
          { var: 'start' },
        ],
      }),
    ).toEqual(['items', 'start'])
    expect(logicVars({ filter: [{ var: 'rows' }, { '>': [{ var: 'qty' }, 1] }] })).toEqual(['rows'])
  })
  it('includes var defaults and ignores literals', () => {
    expect(logicVars({ var: ['a', { var: 'b' }] })).toEqual(['a', 'b'])
    expect(logicVars(true)).toEqual([])
    expect(logicVars({ var: '' })).toEqual([])
  })
})
