import { compareTemporal, formatInstant, parseDate, parseInstant, parseTemporal } from '@tessera/schemas'
import type { FieldRules, Outcome } from './field-outcome.js'
import { invalid, value } from './field-outcome.js'

function rangeProblem(stored: string, rules: FieldRules): Outcome | undefined {
  const t = parseTemporal(stored)!
  const { min, max } = rules.def
  const lo = typeof min === 'string' ? parseTemporal(min) : undefined
  const hi = typeof max === 'string' ? parseTemporal(max) : undefined
  if (lo && compareTemporal(t, lo, 'UTC') < 0) return invalid('min', { limit: String(min), temporal: true })
  if (hi && compareTemporal(t, hi, 'UTC') > 0) return invalid('max', { limit: String(max), temporal: true })
  return undefined
}

/** date: a real calendar date `YYYY-MM-DD`, no time zone; stored as typed. */
export function normalizeDate(raw: unknown, rules: FieldRules): Outcome {
  if (typeof raw !== 'string' || !parseDate(raw)) return invalid('date')
  return rangeProblem(raw, rules) ?? value(raw)
}

/** datetime: ISO 8601 with `Z` or an offset (an instant), stored in UTC: `2026-03-01T02:00:00.000Z`. */
export function normalizeDatetime(raw: unknown, rules: FieldRules): Outcome {
  const instant = typeof raw === 'string' ? parseInstant(raw) : undefined
  if (!instant) return invalid('datetime')
  const stored = formatInstant(instant)
  return rangeProblem(stored, rules) ?? value(stored)
}
