import { describe, expect, it } from 'vitest'
import { badgeOverhang, badgeText } from './badge-room.js'

describe('badge room', () => {
  it('keeps room for the whole count, most for "99+"', () => {
    expect(badgeText(120)).toBe('99+')
    expect(badgeOverhang(0)).toBe(0)
    expect(badgeOverhang(8)).toBeGreaterThanOrEqual(7)
    expect(badgeOverhang(120)).toBeGreaterThanOrEqual(14)
    expect(badgeOverhang(120)).toBeGreaterThan(badgeOverhang(12))
    expect(badgeOverhang(12)).toBeGreaterThan(badgeOverhang(8))
  })
})
