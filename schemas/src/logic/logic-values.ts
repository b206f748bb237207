import Decimal from 'decimal.js'

/**
 * Decimal arithmetic for expressions and field values. 40 significant digits: money of
 * numeric(14,2) and integers beyond 2^53 stay exact; only division can round (half-up).
 */
export const Dec = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -50,
  toExpPos: 50,
})
export type Dec = InstanceType<typeof Dec>

const NUMERIC_STRING = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/**
 * Absent per C3: undefined, null, a string of only whitespace (incl. U+00A0) and an empty array.
 * One definition for the evaluator, the form compiler and the browser.
 */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true
  if (typeof value === 'string') return value.trim() === ''
  if (Array.isArray(value)) return value.length === 0
  return false
}

/** JSON Logic truthiness: `[]`, `""`, `0`, `false`, null are false; everything else (also `"0"`) is true. */
export function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0
  return Boolean(value)
}

/** A finite JSON number or a numeric string (surrounding whitespace allowed). */
export function isNumeric(value: unknown): value is number | string {
  if (typeof value === 'number') return Number.isFinite(value)
  return typeof value === 'string' && NUMERIC_STRING.test(value.trim())
}

/** The decimal of a number or numeric string, or undefined. Numbers go through their shortest round-trip
 * string, so the JSON number 0.1 is exactly 0.1. */
export function toDecimal(value: unknown): Dec | undefined {
  if (!isNumeric(value)) return undefined
  return new Dec(typeof value === 'number' ? String(value) : value.trim())
}

/** Plain notation, no trailing zeros, no exponent, never `-0`: `"0.3"`, `"12345678901.23"`. */
export function canonicalDecimal(d: Dec): string {
  if (d.isZero()) return '0'
  return d.toFixed()
}

/** Fixed scale, half-up: `formatDecimal(new Dec('1000'), 2)` is `"1000.00"`. */
export function formatDecimal(d: Dec, scale: number): string {
  const s = d.toFixed(scale, Decimal.ROUND_HALF_UP)
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s
}

/** Number of digits after the point as written (`"1.50"` has 2), exponent accounted for. */
export function decimalPlaces(value: number | string): number {
  const s = typeof value === 'number' ? String(value) : value.trim()
  const m = /^[+-]?\d*(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s)
  if (!m) return 0
  const places = (m[1]?.length ?? 0) - Number(m[2] ?? 0)
  return Math.max(0, places)
}

/** Characters as Tessera counts them (C1): code points, like ajv and Postgres varchar(n). "a😀b" is 3. */
export function codePointLength(s: string): number {
  let n = 0
  for (const _ of s) n++
  return n
}
