import { describe, expect, it } from 'vitest'
import { formatSerial } from './serial-format.js'

describe('formatSerial', () => {
  const date = new Date('2026-03-01T20:00:00Z')
  it('pads the number and fills the date', () => {
    expect(formatSerial('LEAD-{YYYY}-{000000}', 123, date)).toBe('LEAD-2026-000123')
    expect(formatSerial('Q{YY}{MM}{DD}-{0000}', 7, date)).toBe('Q260301-0007')
  })
  it('uses the app time zone for the date', () => {
    expect(formatSerial('{YYYY}{MM}{DD}-{00}', 1, date, 'Asia/Shanghai')).toBe('20260302-01')
  })
  it('never cuts a number wider than its pad', () => {
    expect(formatSerial('N-{000}', 12345, date)).toBe('N-12345')
    expect(formatSerial('N-{0}', 12345678901234567890n, date)).toBe('N-12345678901234567890')
  })
})
