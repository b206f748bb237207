import { add, extreme, multiply, round } from './arithmetic.js'

/**
 * The compiled evaluator's arithmetic: the answers of arithmetic.ts (decimal.js at 40 digits),
 * reached without decimal.js when every operand is a short decimal. Such a value is held exactly as
 * an integer `m` over `10^s` with |m| < 2^53; sums and products are kept only while they stay
 * integers below 2^53 (a double is then exact, and so is the decimal), otherwise, and for any other
 * operand (an exponent, a long fraction, text, a missing value), the decimal function answers.
 */
interface Scaled {
  m: number
  s: number
}

const SHORT_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i)

/** A number or numeric text of at most 15 digits, exactly; undefined for anything else. */
function scaled(v: unknown): Scaled | undefined {
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) return { m: v, s: 0 }
    if (!Number.isFinite(v)) return undefined
    v = String(v)
  }
  if (typeof v !== 'string') return undefined
  const match = SHORT_DECIMAL.exec(v)
  if (!match) return undefined
  const whole = match[2]!
  const fraction = match[3] ?? ''
  if (whole.length + fraction.length > 15) return undefined
  return { m: Number(match[1] + whole + fraction), s: fraction.length }
}

/** `m` at the larger scale `s`, or undefined when it would leave the exact range. */
function rescale(x: Scaled, s: number): number | undefined {
  if (x.s === s) return x.m
  const m = x.m * POW10[s - x.s]!
  return Number.isSafeInteger(m) ? m : undefined
}

/** canonicalDecimal of m / 10^s: plain, no trailing zeros, never `-0`. */
function format(m: number, s: number): string {
  if (m === 0) return '0'
  while (s > 0 && m % 10 === 0) {
    m /= 10
    s--
  }
  const sign = m < 0 ? '-' : ''
  const digits = String(Math.abs(m))
  if (s === 0) return sign + digits
  const padded = digits.length > s ? digits : '0'.repeat(s - digits.length + 1) + digits
  return `${sign}${padded.slice(0, padded.length - s)}.${padded.slice(padded.length - s)}`
}

/** `+`: arithmetic.ts `add`. */
export function fastAdd(values: unknown[]): string | null {
  let m = 0
  let s = 0
  let present = 0
  for (const v of values) {
    if (v === null || v === undefined) continue
    const x = scaled(v)
    if (x === undefined) return add(values)
    present++
    const scale = Math.max(s, x.s)
    const a = rescale({ m, s }, scale)
    const b = rescale(x, scale)
    if (a === undefined || b === undefined || !Number.isSafeInteger(a + b)) return add(values)
    m = a + b
    s = scale
  }
  return present === 0 ? null : format(m, s)
}

/** `*`: arithmetic.ts `multiply` (a missing operand is no result). */
export function fastMultiply(values: unknown[]): string | null {
  if (values.length === 0) return null
  let m = 1
  let s = 0
  for (const v of values) {
    const x = scaled(v)
    if (x === undefined || s + x.s > 15) return multiply(values)
    m *= x.m
    s += x.s
    if (!Number.isSafeInteger(m)) return multiply(values)
  }
  return format(m, s)
}

/** `max`/`min`: arithmetic.ts `extreme` (dates and text go there). */
export function fastExtreme(values: unknown[], operator: 'max' | 'min', timeZone: string): unknown {
  let best: Scaled | undefined
  const sign = operator === 'max' ? 1 : -1
  for (const v of values) {
    if (v === null || v === undefined) continue
    const x = scaled(v)
    if (x === undefined) return extreme(values, operator, timeZone)
    if (best === undefined) {
      best = x
      continue
    }
    const scale = Math.max(best.s, x.s)
    const a = rescale(best, scale)
    const b = rescale(x, scale)
    if (a === undefined || b === undefined) return extreme(values, operator, timeZone)
    if ((b - a) * sign > 0) best = x
  }
  return best === undefined ? null : format(best.m, best.s)
}

/** `round`: arithmetic.ts `round` (half away from zero); negative places go there. */
export function fastRound(value: unknown, decimals: unknown): string | null {
  const places = decimals === undefined || decimals === null ? 0 : decimals
  const x = scaled(value)
  if (x === undefined || typeof places !== 'number' || !Number.isInteger(places) || places < 0 || places > 20)
    return round(value, decimals)
  if (places >= x.s) return format(x.m, x.s)
  const unit = POW10[x.s - places]!
  // integer remainder and an exact quotient (a float division could round up to the next integer)
  const r = x.m % unit
  const q = (x.m - r) / unit
  return format(2 * Math.abs(r) >= unit ? q + Math.sign(x.m) : q, places)
}
