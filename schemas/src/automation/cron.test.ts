import { describe, expect, it } from 'vitest'
import { cronDayMatches, parseCron } from './cron.js'

const spec = (text: string) => {
  const r = parseCron(text)
  if (!r.ok) throw new Error(r.message.en)
  return r.spec
}

describe('parseCron', () => {
  it('reads every Monday 09:00', () => {
    const s = spec('0 9 * * 1')
    expect([s.minutes, s.hours, s.daysOfWeek]).toEqual([[0], [9], [1]])
    expect(s.daysOfMonth).toHaveLength(31)
  })

  it('reads lists, ranges, steps and names; 7 is Sunday', () => {
    const s = spec('*/15 8-18/5 1,15 jan-mar SUN,7,sat')
    expect(s.minutes).toEqual([0, 15, 30, 45])
    expect(s.hours).toEqual([8, 13, 18])
    expect(s.daysOfMonth).toEqual([1, 15])
    expect(s.months).toEqual([1, 2, 3])
    expect(s.daysOfWeek).toEqual([0, 6])
  })

  it('steps from a start run to the end of the field', () => {
    expect(spec('5/20 * * * *').minutes).toEqual([5, 25, 45])
  })

  it.each([
    ['0 9 * *', '5 fields'],
    ['60 9 * * 1', 'minute field'],
    ['0 24 * * *', 'hour field'],
    ['0 9 0 * *', 'day of month field'],
    ['0 9 * 13 *', 'month field'],
    ['0 9 * * 8', 'day of week field'],
    ['0 9 * * mon-fri/0', 'invalid step'],
    ['0 9 5-1 * *', 'ends before it starts'],
    ['0 9 * * funday', 'day of week field'],
  ])('rejects %s naming the problem', (text, words) => {
    const r = parseCron(text)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.message.en).toContain(words)
      expect(r.message['zh-CN'].length).toBeGreaterThan(0)
    }
  })
})

describe('cronDayMatches', () => {
  it('either day field matches when both are restricted (Vixie cron)', () => {
    const s = spec('0 0 13 * 5')
    expect(cronDayMatches(s, 13, 3, 2)).toBe(true) // the 13th, a Tuesday
    expect(cronDayMatches(s, 6, 3, 5)).toBe(true) // a Friday
    expect(cronDayMatches(s, 7, 3, 6)).toBe(false)
  })

  it('only the weekday decides when the day of month is *', () => {
    const s = spec('0 9 * * 1')
    expect(cronDayMatches(s, 2, 3, 1)).toBe(true)
    expect(cronDayMatches(s, 3, 3, 2)).toBe(false)
  })
})
