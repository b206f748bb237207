import { isNumeric, toDecimal } from './logic-values.js'
import { compareTemporal, parseTemporal } from './temporal.js'

/**
 * Order of two values, or undefined when they cannot be ordered (then `<`, `>` ... are false):
 * numerics as decimals (`"1000.00"` equals `1000`), dates and instants chronologically, strings by
 * code point. A missing value orders against nothing, so a guard `score >= 60` is false while
 * `score` is empty, and so is `score < 60`.
 */
export function compareValues(a: unknown, b: unknown, timeZone: string): number | undefined {
  if (a === null || a === undefined || b === null || b === undefined) return undefined
  if (isNumeric(a) && isNumeric(b)) return toDecimal(a)!.comparedTo(toDecimal(b)!)
  const ta = parseTemporal(a)
  const tb = parseTemporal(b)
  if (ta && tb) return compareTemporal(ta, tb, timeZone)
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  return undefined
}

/** `==`: null equals only null; numerics and temporals by value; arrays and objects structurally. */
export function looseEquals(a: unknown, b: unknown, timeZone: string): boolean {
  const aNull = a === null || a === undefined
  const bNull = b === null || b === undefined
  if (aNull || bNull) return aNull && bNull
  if (typeof a === 'object' || typeof b === 'object') return structuralEquals(a, b)
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b
  return compareValues(a, b, timeZone) === 0
}

/** `===`: same JSON type and same value; two numbers compare as decimals. */
export function strictEquals(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null
  if (b === undefined) b = null
  if (typeof a !== typeof b) return false
  if (typeof a === 'number') return toDecimal(a)!.equals(toDecimal(b)!)
  if (typeof a === 'object') return structuralEquals(a, b)
  return a === b
}

function structuralEquals(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((x, i) => strictEquals(x, b[i]))
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  return ka.every((k) => Object.hasOwn(rb, k) && strictEquals(ra[k], rb[k]))
}
