import { describe, expect, it } from 'vitest'
import { CRON_PRESETS, describeCron, formatRun, nextRuns, presetOf, weekdayNames } from './cron-preview.js'

const iso = (runs: Date[]) => runs.map((d) => d.toISOString())

describe('cron presets', () => {
  it('names the three presets and ignores spacing; a custom cron is no preset', () => {
    expect(CRON_PRESETS.map((p) => p.cron)).toEqual(['0 9 * * 1', '0 9 * * *', '0 * * * *'])
    expect(presetOf(' 0  9 * * 1 ')).toBe('weeklyMonday')
    expect(presetOf('0 9 * * *')).toBe('daily')
    expect(presetOf('0 * * * *')).toBe('hourly')
    expect(presetOf('30 8 * * 1-5')).toBeUndefined()
  })
})

describe('nextRuns', () => {
  // Thursday 3 Dec 2026, 19:21 UTC = Friday 03:21 in Shanghai
  const from = new Date('2026-12-03T19:21:00Z')

  it('reads "every Monday 09:00" in the app zone, not UTC', () => {
    const r = nextRuns('0 9 * * 1', 'Asia/Shanghai', from, 2)
    expect(r.ok && iso(r.runs)).toEqual(['2026-12-07T01:00:00.000Z', '2026-12-14T01:00:00.000Z'])
  })

  it('runs daily at 09:00 and hourly on the hour, strictly after `from`', () => {
    const daily = nextRuns('0 9 * * *', 'UTC', new Date('2026-12-03T09:00:00Z'), 2)
    expect(daily.ok && iso(daily.runs)).toEqual(['2026-12-04T09:00:00.000Z', '2026-12-05T09:00:00.000Z'])
    const hourly = nextRuns('0 * * * *', 'Asia/Kolkata', from, 2)
    // Kolkata is UTC+05:30: its whole hours fall on UTC half hours
    expect(hourly.ok && iso(hourly.runs)).toEqual(['2026-12-03T19:30:00.000Z', '2026-12-03T20:30:00.000Z'])
  })

  it('follows a DST change: 09:00 in Berlin is 08:00 UTC in March, 07:00 UTC after', () => {
    const r = nextRuns('0 9 * * *', 'Europe/Berlin', new Date('2027-03-27T12:00:00Z'), 2)
    expect(r.ok && iso(r.runs)).toEqual(['2027-03-28T07:00:00.000Z', '2027-03-29T07:00:00.000Z'])
  })

  it('skips a wall time the spring-forward gap removes', () => {
    // 02:30 does not exist in Berlin on 28 Mar 2027
    const r = nextRuns('30 2 * * *', 'Europe/Berlin', new Date('2027-03-27T12:00:00Z'), 2)
    expect(r.ok && iso(r.runs)).toEqual(['2027-03-29T00:30:00.000Z', '2027-03-30T00:30:00.000Z'])
  })

  it('answers the parser’s message for a bad cron, in both languages', () => {
    const r = nextRuns('61 * * * *', 'UTC', from, 1)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.message.en).toContain('minute')
      expect(r.message['zh-CN']).toContain('分钟')
    }
  })

  it('finds no run for a date that never comes', () => {
    const r = nextRuns('0 0 30 2 *', 'UTC', from, 1)
    expect(r.ok && r.runs).toEqual([])
  })
})

describe('formatRun', () => {
  it('shows the instant on the app zone’s clock', () => {
    const text = formatRun(new Date('2026-12-07T01:00:00Z'), 'Asia/Shanghai', 'en')
    expect(text).toContain('09:00')
    expect(text).toContain('Mon')
  })
})

describe('describeCron', () => {
  it('words the common shapes', () => {
    expect(describeCron('0 * * * *')).toEqual({ kind: 'hourly', minute: '00' })
    expect(describeCron('0 9 * * *')).toEqual({ kind: 'daily', time: '09:00' })
    expect(describeCron('30 8 * * 1-5')).toEqual({ kind: 'weekly', days: [1, 2, 3, 4, 5], time: '08:30' })
    expect(describeCron('0 9 * * 0,7')).toEqual({ kind: 'weekly', days: [0], time: '09:00' })
    expect(describeCron('15 18 1 * *')).toEqual({ kind: 'monthly', day: 1, time: '18:15' })
  })

  it('has no words for the rest, or a bad cron', () => {
    expect(describeCron('*/15 * * * *')).toBeUndefined()
    expect(describeCron('0 9 1 * 1')).toBeUndefined()
    expect(describeCron('0 9 * 1 *')).toBeUndefined()
    expect(describeCron('nope')).toBeUndefined()
  })

  it('names weekdays in the admin’s language', () => {
    expect(weekdayNames([1, 3], 'en')).toBe('Monday and Wednesday')
    expect(weekdayNames([1], 'zh-CN')).toBe('星期一')
  })
})
