import { type Dec, canonicalDecimal, decimalScale, formatDecimal, toDecimal } from '@tessera/schemas'
import type { FieldRules, Outcome } from './field-outcome.js'
import { invalid, value } from './field-outcome.js'
import { DECIMAL, INTEGER, whole } from './value-patterns.js'

const DECIMAL_RE = whole(DECIMAL)
const INTEGER_RE = whole(INTEGER)

/** A JSON number or a plain decimal string ("1234.50"); no exponents or separators from the API. */
function parseDecimal(raw: unknown): Dec | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? toDecimal(raw) : undefined
  if (typeof raw === 'string' && DECIMAL_RE.test(raw.trim())) return toDecimal(raw)
  return undefined
}

function rangeProblem(d: Dec, min: unknown, max: unknown): Outcome | undefined {
  const lo = toDecimal(min)
  const hi = toDecimal(max)
  if (lo && d.lessThan(lo)) return invalid('min', { limit: canonicalDecimal(lo) })
  if (hi && d.greaterThan(hi)) return invalid('max', { limit: canonicalDecimal(hi) })
  return undefined
}

/**
 * number, money, percent: stored as decimal strings, exact. Too many decimals is an error, never
 * silent rounding; money is stored at its scale ("12.5" -> "12.50"), the others canonical.
 */
export function normalizeDecimal(raw: unknown, rules: FieldRules): Outcome {
  const d = parseDecimal(raw)
  if (!d) return invalid('number')
  const def = rules.def
  const scale = decimalScale(def)
  if (scale !== undefined && d.decimalPlaces() > scale) {
    return invalid('scale', { limit: scale, actual: d.decimalPlaces() })
  }
  const range = rangeProblem(d, def.min, def.max)
  if (range) return range
  return value(def.type === 'money' ? formatDecimal(d, scale ?? 2) : canonicalDecimal(d))
}

/**
 * integer: a JSON number while it is safe, else a digit string (9007199254740993 must arrive as a
 * string: as a JSON number it was already rounded before we saw it). rating: 1..(max ?? 5).
 */
export function normalizeInteger(raw: unknown, rules: FieldRules): Outcome {
  const def = rules.def
  // a safe integer within number bounds is exact as it is: no decimal to build (the common case)
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && !Object.is(raw, -0)) {
    const lo = def.type === 'rating' ? (def.min ?? 1) : def.min
    const hi = def.type === 'rating' ? (def.max ?? 5) : def.max
    if (
      (lo === undefined || (typeof lo === 'number' && raw >= lo)) &&
      (hi === undefined || (typeof hi === 'number' && raw <= hi))
    )
      return value(raw)
  }
  let d: Dec | undefined
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || !Number.isInteger(raw)) return invalid('integer')
    if (!Number.isSafeInteger(raw)) return invalid('unsafe_integer')
    d = toDecimal(raw)
  } else if (typeof raw === 'string' && INTEGER_RE.test(raw.trim())) {
    d = toDecimal(raw)
  }
  if (!d) return invalid('integer')
  const range =
    def.type === 'rating' ? rangeProblem(d, def.min ?? 1, def.max ?? 5) : rangeProblem(d, def.min, def.max)
  if (range) return range
  const n = d.toNumber()
  return value(Number.isSafeInteger(n) ? n : canonicalDecimal(d))
}
