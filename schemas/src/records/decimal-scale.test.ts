import { describe, expect, it } from 'vitest'
import { decimalScale, moneyScale } from './decimal-scale.js'

describe('decimalScale', () => {
  it('stores money in cents unless its field names its decimals', () => {
    expect(moneyScale(undefined)).toBe(2)
    expect(moneyScale(0)).toBe(0)
    expect(decimalScale({ type: 'money' })).toBe(2)
    expect(decimalScale({ type: 'money', decimals: 4 })).toBe(4)
  })

  it('leaves number and percent canonical unless decimals are set', () => {
    expect(decimalScale({ type: 'number' })).toBeUndefined()
    expect(decimalScale({ type: 'percent', decimals: 1 })).toBe(1)
  })
})
