import { parseCron } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { latestSlot, nextSlot } from './cron-schedule.js'

const spec = (text: string) => {
  const r = parseCron(text)
  if (!r.ok) throw new Error(r.message.en)
  return r.spec
}
const iso = (d: Date | null) => d?.toISOString() ?? null
const next = (cron: string, zone: string, after: string) => iso(nextSlot(spec(cron), zone, new Date(after)))

describe('cron slots in a time zone', () => {
  it('Monday 09:00 in Asia/Shanghai is Monday 01:00 UTC', () => {
    // 2026-03-01 is a Sunday
    expect(next('0 9 * * 1', 'Asia/Shanghai', '2026-03-01T00:00:00Z')).toBe('2026-03-02T01:00:00.000Z')
  })

  it('a slot across the date line: Monday 09:00 Shanghai is still Sunday in UTC terms for late Sunday', () => {
    // Sunday 20:00 UTC is already Monday 04:00 in Shanghai: the next slot is 5 hours later
    expect(next('0 9 * * 1', 'Asia/Shanghai', '2026-03-01T20:00:00Z')).toBe('2026-03-02T01:00:00.000Z')
    expect(next('0 9 * * 1', 'UTC', '2026-03-01T20:00:00Z')).toBe('2026-03-02T09:00:00.000Z')
  })

  it('keeps 09:00 local across the March DST change in America/New_York', () => {
    // 2026-03-08: clocks go from 02:00 EST to 03:00 EDT
    expect(next('0 9 * * *', 'America/New_York', '2026-03-07T15:00:00Z')).toBe('2026-03-08T13:00:00.000Z')
    expect(next('0 9 * * *', 'America/New_York', '2026-03-06T15:00:00Z')).toBe('2026-03-07T14:00:00.000Z')
  })

  it('fires a skipped local time when the clock jumps past it, once', () => {
    expect(next('30 2 * * *', 'America/New_York', '2026-03-08T05:00:00Z')).toBe('2026-03-08T07:30:00.000Z') // 03:30 EDT
    expect(next('30 2 * * *', 'America/New_York', '2026-03-08T07:30:00Z')).toBe('2026-03-09T06:30:00.000Z')
  })

  it('keeps 09:00 local across the November DST change, and runs a repeated hour once', () => {
    // 2026-11-01: clocks go from 02:00 EDT back to 01:00 EST
    expect(next('0 9 * * *', 'America/New_York', '2026-10-31T14:00:00Z')).toBe('2026-11-01T14:00:00.000Z')
    expect(next('30 1 * * *', 'America/New_York', '2026-11-01T04:00:00Z')).toBe('2026-11-01T05:30:00.000Z') // 01:30 EDT
    expect(next('30 1 * * *', 'America/New_York', '2026-11-01T05:30:00Z')).toBe('2026-11-02T06:30:00.000Z')
  })

  it('Asia/Shanghai has no DST: 09:00 is 01:00 UTC all year', () => {
    expect(next('0 9 * * *', 'Asia/Shanghai', '2026-07-01T02:00:00Z')).toBe('2026-07-02T01:00:00.000Z')
    expect(next('0 9 * * *', 'Asia/Shanghai', '2026-12-31T02:00:00Z')).toBe('2027-01-01T01:00:00.000Z')
  })

  it('never matching answers null', () => {
    expect(next('0 0 31 2 *', 'UTC', '2026-01-01T00:00:00Z')).toBeNull()
  })
})

describe('latestSlot', () => {
  const weekly = spec('0 9 * * 1')
  it('finds the slot just passed, not one before `after`', () => {
    const now = new Date('2026-03-02T01:05:00Z')
    expect(iso(latestSlot(weekly, 'Asia/Shanghai', now, new Date('2026-03-01T00:00:00Z')))).toBe(
      '2026-03-02T01:00:00.000Z',
    )
    expect(latestSlot(weekly, 'Asia/Shanghai', now, new Date('2026-03-02T01:00:00Z'))).toBeNull()
  })

  it('collapses missed slots into the latest', () => {
    const now = new Date('2026-03-24T00:00:00Z')
    expect(iso(latestSlot(weekly, 'Asia/Shanghai', now, new Date('2026-03-01T00:00:00Z')))).toBe(
      '2026-03-23T01:00:00.000Z',
    )
  })
})
