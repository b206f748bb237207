import { describe, expect, it } from 'vitest'
import { insertVar } from './insert-var.js'

describe('insertVar', () => {
  it('starts an empty formula with the field', () => {
    expect(insertVar(undefined, 'qty')).toEqual({ var: 'qty' })
    expect(insertVar(0, 'qty')).toEqual({ var: 'qty' })
  })

  it('adds the field to the top operator', () => {
    expect(insertVar({ '*': [{ var: 'qty' }] }, 'price')).toEqual({ '*': [{ var: 'qty' }, { var: 'price' }] })
  })

  it('sums a lone reference or literal with the new field', () => {
    expect(insertVar({ var: 'a' }, 'b')).toEqual({ '+': [{ var: 'a' }, { var: 'b' }] })
    expect(insertVar(5, 'b')).toEqual({ '+': [5, { var: 'b' }] })
  })
})
