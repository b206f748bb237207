import { type CronSpec, cronDayMatches, parseCron } from '@tessera/schemas'

/** The schedules admins ask for most, as cron; the builder offers them as one-click presets. */
export const CRON_PRESETS = [
  { key: 'weeklyMonday', cron: '0 9 * * 1' },
  { key: 'daily', cron: '0 9 * * *' },
  { key: 'hourly', cron: '0 * * * *' },
] as const

export type CronPresetKey = (typeof CRON_PRESETS)[number]['key']

/** The preset a cron expression is (spacing ignored), or `undefined` for a custom one. */
export function presetOf(cron: string): CronPresetKey | undefined {
  const normal = cron.trim().split(/\s+/).join(' ')
  return CRON_PRESETS.find((p) => p.cron === normal)?.key
}

interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

/** One formatter per zone: building a DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    })
    formatters.set(zone, formatter)
  }
  return formatter
}

function wallClock(at: Date, zone: string): WallClock {
  const parts = formatterFor(zone).formatToParts(at)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') }
}

const dayMatches = (spec: CronSpec, wall: Date) =>
  cronDayMatches(spec, wall.getUTCDate(), wall.getUTCMonth() + 1, wall.getUTCDay())

function matches(spec: CronSpec, wall: Date): boolean {
  return (
    spec.minutes.includes(wall.getUTCMinutes()) &&
    spec.hours.includes(wall.getUTCHours()) &&
    dayMatches(spec, wall)
  )
}

/** How far ahead the preview looks; a cron that first runs later than this shows no times. */
const HORIZON_HOURS = 24 * 400

/**
 * The next `count` instants after `from` at which the cron fires in `zone`, as the runtime matches
 * it: against the zone's wall clock, minute by minute. Walks UTC hours and reads the zone's offset
 * once per hour (offsets change on whole or half hours, and within an hour the wall clock is the
 * start's wall clock plus the minutes), so a year ahead costs ~9,000 Intl calls, not 500,000.
 * A wall time skipped by a DST change never fires; a repeated one fires at each instant, as in the runtime.
 */
export function nextRuns(
  cron: string,
  zone: string,
  from: Date,
  count: number,
): { ok: true; runs: Date[] } | { ok: false; message: { 'zh-CN': string; en: string } } {
  const parsed = parseCron(cron)
  if (!parsed.ok) return { ok: false, message: parsed.message }
  const runs: Date[] = []
  const start = Math.floor(from.getTime() / 60_000) * 60_000 + 60_000
  let hour = Math.floor(start / 3_600_000) * 3_600_000
  for (let h = 0; h < HORIZON_HOURS && runs.length < count; h++, hour += 3_600_000) {
    const w = wallClock(new Date(hour), zone)
    const wallStart = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute)
    // an hour whose first and last wall minutes both fall on days the cron skips has no match
    const first = new Date(wallStart)
    const last = new Date(wallStart + 59 * 60_000)
    if (!dayMatches(parsed.spec, first) && !dayMatches(parsed.spec, last)) continue
    for (let m = 0; m < 60 && runs.length < count; m++) {
      const instant = hour + m * 60_000
      if (instant < start) continue
      if (matches(parsed.spec, new Date(wallStart + m * 60_000))) runs.push(new Date(instant))
    }
  }
  return { ok: true, runs }
}

/** One run time as the admin reads it, in the app's zone: "Mon, 7 Dec 2026, 09:00". */
export function formatRun(at: Date, zone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at)
}

export type CronDescription =
  | { kind: 'hourly'; minute: string }
  | { kind: 'daily'; time: string }
  | { kind: 'weekly'; days: number[]; time: string }
  | { kind: 'monthly'; day: number; time: string }

const ALL = (n: number, from: number, to: number) => n === to - from + 1

/**
 * The common cron shapes in words (the UI words them per language): hourly at a minute, daily,
 * on some weekdays, or on one day of the month, at one time. Anything else has no description;
 * the next-run list still shows when it fires.
 */
export function describeCron(cron: string): CronDescription | undefined {
  const parsed = parseCron(cron)
  if (!parsed.ok) return undefined
  const s = parsed.spec
  const [minute] = s.minutes
  if (s.minutes.length !== 1 || minute === undefined || !ALL(s.months.length, 1, 12)) return undefined
  const mm = String(minute).padStart(2, '0')
  if (ALL(s.hours.length, 0, 23) && !s.domRestricted && !s.dowRestricted)
    return { kind: 'hourly', minute: mm }
  const [hour] = s.hours
  if (s.hours.length !== 1 || hour === undefined) return undefined
  const time = `${String(hour).padStart(2, '0')}:${mm}`
  if (!s.domRestricted && !s.dowRestricted) return { kind: 'daily', time }
  if (!s.domRestricted)
    return { kind: 'weekly', days: [...new Set(s.daysOfWeek.map((d) => d % 7))].sort(), time }
  const [day] = s.daysOfMonth
  if (!s.dowRestricted && s.daysOfMonth.length === 1 && day !== undefined)
    return { kind: 'monthly', day, time }
  return undefined
}

/** Weekday names in a locale (0 = Sunday), e.g. "Monday, Wednesday" or "星期一、星期三". */
export function weekdayNames(days: number[], locale: string): string {
  // 4 Jan 2026 is a Sunday
  const name = (d: number) =>
    new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2026, 0, 4 + d)),
    )
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(days.map(name))
}
