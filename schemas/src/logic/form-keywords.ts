import type { KeywordDefinition } from 'ajv'
import type AjvCore from 'ajv/dist/core.js'
import type { JsonLogic } from '../app-definition.js'
import { evaluate } from './evaluate.js'
import { Dec, isEmptyValue, isTruthy, toDecimal } from './logic-values.js'
import { compareTemporal, parseDate, parseInstant, parseTemporal } from './temporal.js'

/** `tesseraLogic`: a visibleWhen/requiredWhen condition over the object being validated. */
export interface LogicKeyword {
  logic: JsonLogic
  /** the answer when the condition cannot be evaluated over these values (as on the server) */
  onError: boolean
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

// Conditions see what the server sees: empty values (C3) are absent.
function withoutEmpty(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => !isEmptyValue(v)))
}

const logicKeyword: KeywordDefinition = {
  keyword: 'tesseraLogic',
  type: 'object',
  schemaType: 'object',
  errors: false,
  validate: (schema: LogicKeyword, data: Record<string, unknown>) => {
    try {
      return isTruthy(evaluate(schema.logic, withoutEmpty(data)))
    } catch {
      return schema.onError
    }
  },
}

const decimalKeyword: KeywordDefinition = {
  keyword: 'tesseraDecimal',
  type: ['number', 'string'],
  schemaType: 'object',
  errors: false,
  validate: (schema: DecimalKeyword, data: number | string) => {
    if (schema.integer && typeof data === 'number' && !Number.isSafeInteger(data)) return false
    const d = toDecimal(data)
    if (!d) return false
    if (schema.integer && !d.isInteger()) return false
    if (schema.scale !== undefined && d.decimalPlaces() > schema.scale) return false
    if (schema.min !== undefined && d.lessThan(new Dec(schema.min))) return false
    return !(schema.max !== undefined && d.greaterThan(new Dec(schema.max)))
  },
}

const temporalKeyword: KeywordDefinition = {
  keyword: 'tesseraTemporal',
  type: 'string',
  schemaType: 'object',
  errors: false,
  validate: (schema: TemporalKeyword, data: string) => {
    const parsed = schema.kind === 'date' ? parseDate(data) : parseInstant(data)
    if (!parsed) return false
    const t = parseTemporal(data)!
    const lo = schema.min === undefined ? undefined : parseTemporal(schema.min)
    const hi = schema.max === undefined ? undefined : parseTemporal(schema.max)
    if (lo && compareTemporal(t, lo, 'UTC') < 0) return false
    return !(hi && compareTemporal(t, hi, 'UTC') > 0)
  },
}

/**
 * Registers the keywords a compiled form schema uses, on the server's ajv and the browser's alike,
 * so that both answer the same (decimal ranges and scales, real dates, JSON Logic conditions).
 */
export function addFormKeywords<T extends AjvCore>(ajv: T): T {
  for (const k of [logicKeyword, decimalKeyword, temporalKeyword]) {
    if (!ajv.getKeyword(k.keyword as string)) ajv.addKeyword(k)
  }
  return ajv
}
