import type { JsonLogic } from '../app-definition.js'
import { evaluate } from './evaluate.js'
import { Dec, canonicalDecimal, isEmptyValue, isTruthy, toDecimal } from './logic-values.js'
import { compareTemporal, parseDate, parseInstant, parseTemporal } from './temporal.js'

/** `tesseraLogic`: a visibleWhen/requiredWhen condition over the object being validated. */
export interface LogicKeyword {
  logic: JsonLogic
  /** the answer when the condition cannot be evaluated over these values (as on the server) */
  onError: boolean
}
/** `tesseraRule`: a form rule's check (`onError` false), with what its failure is worded from. */
export interface RuleKeyword extends LogicKeyword {
  key: string
  field?: string
  message: { 'zh-CN': string; en: string }
}
/** `tesseraDecimal`: exact decimal checks on a JSON number or a numeric string. */
export interface DecimalKeyword {
  scale?: number
  min?: number | string
  max?: number | string
  integer?: boolean
}
/** `tesseraTemporal`: a real date / an instant with offset, and its range. */
export interface TemporalKeyword {
  kind: 'date' | 'datetime'
  min?: string
  max?: string
}

/** Why a value fails a decimal or temporal keyword, in the submission problem codes' terms. */
export interface KeywordProblem {
  code: 'number' | 'integer' | 'unsafe_integer' | 'scale' | 'min' | 'max' | 'date' | 'datetime'
  limit?: string | number
  actual?: number
  temporal?: boolean
}

// A function the generated validator code calls carries `code`: how a standalone module reaches it
// (ajv's own runtime helpers do the same), so the browser runs the very function the server runs.
type Referable<F> = F & { code: string }
const referable = <F>(name: string, f: F): Referable<F> =>
  Object.assign(f as object, { code: `require("@tessera/form-checks").${name}` }) as Referable<F>

// Conditions see what the server sees: empty values (C3) are absent.
function withoutEmpty(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => !isEmptyValue(v)))
}

/** Whether a condition holds over an object, `onError` when it cannot be evaluated. */
export const logicHolds = referable('logicHolds', (schema: LogicKeyword, data: Record<string, unknown>) => {
  try {
    return isTruthy(evaluate(schema.logic, withoutEmpty(data)))
  } catch {
    return schema.onError
  }
})

/** What is wrong with a number or numeric string against exact decimal rules, or undefined. */
export const decimalProblem = referable(
  'decimalProblem',
  (schema: DecimalKeyword, data: number | string): KeywordProblem | undefined => {
    const code = schema.integer ? 'integer' : 'number'
    if (schema.integer && typeof data === 'number' && !Number.isSafeInteger(data))
      return { code: Number.isInteger(data) ? 'unsafe_integer' : 'integer' }
    const d = toDecimal(data)
    if (!d) return { code }
    if (schema.integer && !d.isInteger()) return { code }
    if (schema.scale !== undefined && d.decimalPlaces() > schema.scale)
      return { code: 'scale', limit: schema.scale, actual: d.decimalPlaces() }
    if (schema.min !== undefined && d.lessThan(new Dec(schema.min)))
      return { code: 'min', limit: canonicalDecimal(new Dec(schema.min)) }
    if (schema.max !== undefined && d.greaterThan(new Dec(schema.max)))
      return { code: 'max', limit: canonicalDecimal(new Dec(schema.max)) }
    return undefined
  },
)

/** What is wrong with a date or an instant against its kind and range, or undefined. */
export const temporalProblem = referable(
  'temporalProblem',
  (schema: TemporalKeyword, data: string): KeywordProblem | undefined => {
    const parsed = schema.kind === 'date' ? parseDate(data) : parseInstant(data)
    if (!parsed) return { code: schema.kind }
    const t = parseTemporal(data)!
    const lo = schema.min === undefined ? undefined : parseTemporal(schema.min)
    const hi = schema.max === undefined ? undefined : parseTemporal(schema.max)
    if (lo && compareTemporal(t, lo, 'UTC') < 0) return { code: 'min', limit: schema.min!, temporal: true }
    if (hi && compareTemporal(t, hi, 'UTC') > 0) return { code: 'max', limit: schema.max!, temporal: true }
    return undefined
  },
)

/** The functions a standalone form validator module requires as `@tessera/form-checks`. */
export const FORM_CHECKS = { logicHolds, decimalProblem, temporalProblem }
