import { describe, expect, it } from 'vitest'
import { durationMinutes, formatDuration, parseDuration } from './iso-duration.js'

describe('iso duration', () => {
  it('reads the durations SLA timers use', () => {
    expect(parseDuration('PT24H')).toEqual({ days: 0, hours: 24, minutes: 0 })
    expect(parseDuration('P2DT4H30M')).toEqual({ days: 2, hours: 4, minutes: 30 })
    expect(parseDuration('P1W')).toEqual({ days: 7, hours: 0, minutes: 0 })
    expect(parseDuration('PT90M')).toEqual({ days: 0, hours: 1, minutes: 30 })
    expect(parseDuration('PT120S')).toEqual({ days: 0, hours: 0, minutes: 2 })
  })

  it('refuses text it cannot show', () => {
    for (const text of ['', 'P', 'PT', 'P1M2D', 'P1Y', '24h', 'PT1.5H', 'PT30S', 'P1DT']) {
      expect(parseDuration(text)).toBeNull()
    }
  })

  it('writes the shortest ISO 8601 form', () => {
    expect(formatDuration({ days: 0, hours: 24, minutes: 0 })).toBe('PT24H')
    expect(formatDuration({ days: 3, hours: 0, minutes: 0 })).toBe('P3D')
    expect(formatDuration({ days: 1, hours: 0, minutes: 15 })).toBe('P1DT15M')
    expect(formatDuration({ days: 0, hours: 0, minutes: 0 })).toBe('PT0S')
    expect(formatDuration({ days: -1, hours: Number.NaN, minutes: 75 })).toBe('PT1H15M')
  })

  it('round-trips what it writes', () => {
    for (const text of ['PT24H', 'P3D', 'P1DT2H3M', 'PT45M']) {
      const parts = parseDuration(text)
      expect(parts).not.toBeNull()
      if (parts) expect(formatDuration(parts)).toBe(text)
    }
  })

  it('counts minutes', () => {
    expect(durationMinutes({ days: 1, hours: 2, minutes: 3 })).toBe(1563)
  })
})
