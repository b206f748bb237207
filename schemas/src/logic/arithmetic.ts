import { LogicError } from './logic-error.js'
import { canonicalDecimal, Dec, isNumeric, toDecimal } from './logic-values.js'
import { compareTemporal, parseTemporal } from './temporal.js'

/**
 * Decimal-exact arithmetic of the evaluator. A missing operand (null) adds nothing to `+`/`-`/`sum`,
 * but makes `*`, `/`, `%` have no result (null): an absent quantity times a price is unknown, not 0.
 * When every operand is missing the result is missing too, so a formula never stores a made-up `0`.
 */
const isMissing = (v: unknown) => v === null || v === undefined

function dec(value: unknown, operator: string): Dec {
  const d = toDecimal(value)
  if (!d)
    throw new LogicError('NOT_A_NUMBER', `${operator}: ${JSON.stringify(value)} is not a number`, operator)
  return d
}

export function add(values: unknown[]): string | null {
  const present = values.filter((v) => !isMissing(v))
  if (present.length === 0) return null
  return canonicalDecimal(present.reduce<Dec>((acc, v) => acc.plus(dec(v, '+')), new Dec(0)))
}

export function subtract(values: unknown[]): string | null {
  const [a, b] = values
  if (values.length === 1) return isMissing(a) ? null : canonicalDecimal(dec(a, '-').negated())
  if (isMissing(a) && isMissing(b)) return null
  const left = isMissing(a) ? new Dec(0) : dec(a, '-')
  const right = isMissing(b) ? new Dec(0) : dec(b, '-')
  return canonicalDecimal(left.minus(right))
}

export function multiply(values: unknown[]): string | null {
  if (values.length === 0 || values.some(isMissing)) return null
  return canonicalDecimal(values.reduce<Dec>((acc, v) => acc.times(dec(v, '*')), new Dec(1)))
}

/** `/` and `%`: a zero divisor has no result (null) rather than Infinity or NaN in a stored field. */
export function divide(values: unknown[], operator: '/' | '%'): string | null {
  const [a, b] = values
  if (isMissing(a) || isMissing(b)) return null
  const divisor = dec(b, operator)
  if (divisor.isZero()) return null
  const dividend = dec(a, operator)
  return canonicalDecimal(operator === '/' ? dividend.div(divisor) : dividend.mod(divisor))
}

/** `max`/`min` over numerics (a decimal string) or over dates/instants (the latest/earliest value). */
export function extreme(values: unknown[], operator: 'max' | 'min', timeZone: string): unknown {
  const present = values.filter((v) => !isMissing(v))
  if (present.length === 0) return null
  const sign = operator === 'max' ? 1 : -1
  if (present.every(isNumeric)) {
    const ds = present.map((v) => dec(v, operator))
    return canonicalDecimal(ds.reduce((best, d) => (d.comparedTo(best) * sign > 0 ? d : best)))
  }
  const temporals = present.map(parseTemporal)
  if (temporals.every((t) => t !== undefined)) {
    let best = 0
    temporals.forEach((t, i) => {
      if (compareTemporal(t, temporals[best]!, timeZone) * sign > 0) best = i
    })
    return present[best]
  }
  throw new LogicError('NOT_A_NUMBER', `${operator} needs numbers or dates`, operator)
}

/** `round`: half-up to `decimals` places (negative rounds to tens, hundreds...). */
export function round(value: unknown, decimals: unknown): string | null {
  if (isMissing(value)) return null
  const places = decimals === undefined || decimals === null ? 0 : Number(decimals)
  if (!Number.isInteger(places) || places < -20 || places > 20) {
    throw new LogicError('INVALID_ARGUMENT', 'round: decimals must be an integer from -20 to 20', 'round')
  }
  const d = dec(value, 'round')
  if (places >= 0) return canonicalDecimal(d.toDecimalPlaces(places, Dec.ROUND_HALF_UP))
  const unit = new Dec(10).pow(-places)
  return canonicalDecimal(d.div(unit).toDecimalPlaces(0, Dec.ROUND_HALF_UP).times(unit))
}

export function abs(value: unknown): string | null {
  return isMissing(value) ? null : canonicalDecimal(dec(value, 'abs').abs())
}

/** `sum`: `[array]` or `[array, "column"]` (a subform column); missing items add nothing. */
export function sum(list: unknown, column: unknown): string | null {
  if (isMissing(list)) return null
  if (!Array.isArray(list)) throw new LogicError('INVALID_ARGUMENT', 'sum needs an array', 'sum')
  if (column !== undefined && column !== null && typeof column !== 'string') {
    throw new LogicError('INVALID_ARGUMENT', 'sum: the column must be a field key', 'sum')
  }
  const items = typeof column === 'string' ? list.map((row) => pick(row, column)) : list
  const total = items
    .filter((v) => !isMissing(v))
    .reduce<Dec>((acc, v) => acc.plus(dec(v, 'sum')), new Dec(0))
  return canonicalDecimal(total)
}

function pick(row: unknown, key: string): unknown {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return null
  return Object.hasOwn(row, key) ? (row as Record<string, unknown>)[key] : null
}
