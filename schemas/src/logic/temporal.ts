import { DateTime, Duration } from 'luxon'
import { LogicError } from './logic-error.js'

/** A calendar date (`YYYY-MM-DD`, no time zone) or an instant (ISO 8601 with `Z` or an offset). */
export type Temporal = { kind: 'date'; value: DateTime } | { kind: 'instant'; value: DateTime }

const DATE = /^\d{4}-\d{2}-\d{2}$/
// An offset is required: an instant without one would depend on the reader's clock.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i

/** A real calendar date written `YYYY-MM-DD` (2026-02-30 is not one). */
export function parseDate(value: string): DateTime | undefined {
  if (!DATE.test(value)) return undefined
  const d = DateTime.fromISO(value, { zone: 'utc' })
  return d.isValid ? d : undefined
}

/** An ISO 8601 date-time with `Z` or an offset, as a UTC DateTime. */
export function parseInstant(value: string): DateTime | undefined {
  if (!INSTANT.test(value)) return undefined
  const d = DateTime.fromISO(value, { setZone: true })
  return d.isValid ? d.toUTC() : undefined
}

export function parseTemporal(value: unknown): Temporal | undefined {
  if (value instanceof Date) {
    const d = DateTime.fromJSDate(value).toUTC()
    return d.isValid ? { kind: 'instant', value: d } : undefined
  }
  if (typeof value !== 'string') return undefined
  const date = parseDate(value)
  if (date) return { kind: 'date', value: date }
  const instant = parseInstant(value)
  return instant ? { kind: 'instant', value: instant } : undefined
}

/** The instant a temporal stands for; a date means its start of day in the app's time zone. */
function toMillis(t: Temporal, timeZone: string): number {
  if (t.kind === 'instant') return t.value.toMillis()
  return DateTime.fromISO(t.value.toISODate() ?? '', { zone: timeZone }).toMillis()
}

/** Negative, zero or positive, chronologically. */
export function compareTemporal(a: Temporal, b: Temporal, timeZone: string): number {
  if (a.kind === 'date' && b.kind === 'date') return Math.sign(a.value.toMillis() - b.value.toMillis())
  return Math.sign(toMillis(a, timeZone) - toMillis(b, timeZone))
}

/** The ISO 8601 UTC string stored for an instant, e.g. `2026-03-01T02:00:00.000Z`. */
export const formatInstant = (d: DateTime): string => d.toUTC().toISO() ?? ''

export function todayIn(now: Date, timeZone: string): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate() ?? ''
}

/** `[instant|date, "P1D"]`: a date stays a date (calendar arithmetic), an instant stays an instant. */
export function addDuration(base: unknown, iso: unknown, timeZone: string): string | null {
  if (base === null || base === undefined) return null
  const t = parseTemporal(base)
  if (!t) throw new LogicError('INVALID_ARGUMENT', 'add_duration needs a date or an instant', 'add_duration')
  if (typeof iso !== 'string')
    throw new LogicError('INVALID_ARGUMENT', 'add_duration needs an ISO 8601 duration', 'add_duration')
  const negative = iso.startsWith('-')
  const duration = Duration.fromISO(negative ? iso.slice(1) : iso)
  if (!duration.isValid)
    throw new LogicError('INVALID_ARGUMENT', `"${iso}" is not an ISO 8601 duration`, 'add_duration')
  const signed = negative ? duration.negate() : duration
  if (t.kind === 'date') return t.value.plus(signed).toISODate()
  // Calendar units (P1D) follow the app's clock across DST, as a person reading the deadline expects.
  return formatInstant(t.value.setZone(timeZone).plus(signed))
}

/** Whole calendar days from a to b in the app's time zone (b - a). */
export function daysBetween(a: unknown, b: unknown, timeZone: string): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null
  const ta = parseTemporal(a)
  const tb = parseTemporal(b)
  if (!ta || !tb)
    throw new LogicError('INVALID_ARGUMENT', 'days_between needs two dates or instants', 'days_between')
  const day = (t: Temporal) =>
    t.kind === 'date'
      ? t.value
      : DateTime.fromISO(t.value.setZone(timeZone).toISODate() ?? '', { zone: 'utc' })
  return Math.round(day(tb).diff(day(ta), 'days').days)
}
