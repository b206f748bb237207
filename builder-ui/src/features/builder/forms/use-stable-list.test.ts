import { describe, expect, it } from 'vitest'
import { sameItems } from './use-stable-list.js'

describe('sameItems', () => {
  it('compares lists item by item by identity', () => {
    const a = { key: 'a' }
    const b = { key: 'b' }
    expect(sameItems([a, b], [a, b])).toBe(true)
    expect(sameItems([a, b], [b, a])).toBe(false)
    expect(sameItems([a], [{ key: 'a' }])).toBe(false)
    expect(sameItems([a], [a, b])).toBe(false)
  })
})
