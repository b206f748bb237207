import { afterEach, describe, expect, it } from 'vitest'
import { parseRateLimit } from './start-command.js'

describe('tessera start --rate-limit', () => {
  const saved = process.env.TESSERA_RATE_LIMIT
  afterEach(() => {
    if (saved === undefined) delete process.env.TESSERA_RATE_LIMIT
    else process.env.TESSERA_RATE_LIMIT = saved
  })

  it('takes a whole number from the flag, else from TESSERA_RATE_LIMIT, else the default', () => {
    delete process.env.TESSERA_RATE_LIMIT
    expect(parseRateLimit(undefined)).toBeUndefined()
    expect(parseRateLimit('600')).toBe(600)
    expect(parseRateLimit('0')).toBe(0)
    process.env.TESSERA_RATE_LIMIT = '120'
    expect(parseRateLimit(undefined)).toBe(120)
    expect(parseRateLimit('50')).toBe(50)
  })

  it('refuses what is not a whole number of requests, naming the flag', () => {
    for (const bad of ['-1', '1.5', 'many', '1e3x'])
      expect(() => parseRateLimit(bad)).toThrow(/--rate-limit must be a whole number.*not /)
  })
})
