import type { JsonLogic } from '../app-definition.js'
import { compareValues } from './compare-values.js'
import { LogicError } from './logic-error.js'
import { isEmptyValue } from './logic-values.js'

/**
 * What the interpreter (interpret.ts, the reference) and the compiler (compile-logic.ts) share:
 * how an expression is read and the helpers whose behaviour both must have.
 */

export interface LogicEnv {
  now: Date
  timeZone: string
}

// Definitions are user-authored; a hostile nesting must end in a typed error, not a stack overflow.
export const MAX_DEPTH = 128

export const tooDeep = (): LogicError =>
  new LogicError('TOO_DEEP', `expression nested deeper than ${MAX_DEPTH}`)

export const unknownOperator = (operator: string): LogicError =>
  new LogicError('UNKNOWN_OPERATOR', `unknown operator "${operator}"`, operator)

/** The single key of an operation object, or undefined for a literal. */
export function operationOf(logic: unknown): string | undefined {
  if (typeof logic !== 'object' || logic === null || Array.isArray(logic)) return undefined
  const keys = Object.keys(logic)
  return keys.length === 1 ? keys[0] : undefined
}

/** The arguments of an operation: JSON Logic allows `{"var": "a"}` for `{"var": ["a"]}`. */
export function argumentsOf(logic: JsonLogic, operator: string): JsonLogic[] {
  const raw = (logic as Record<string, JsonLogic>)[operator] ?? null
  return Array.isArray(raw) ? raw : [raw]
}

/** The segments of a `var` path; null reads the whole scope. */
export function pathSegments(path: unknown): string[] | null {
  if (path === null || path === undefined || path === '') return null
  return typeof path === 'number' ? [String(path)] : String(path).split('.')
}

const INDEX = /^\d+$/

/** Own properties only: a path never reaches the prototype chain. */
export function readSegments(data: unknown, segments: readonly string[] | null): unknown {
  if (segments === null) return data
  let current: unknown = data
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null) return undefined
    if (Array.isArray(current)) {
      if (!INDEX.test(segment)) return undefined
      current = current[Number(segment)]
    } else {
      if (!Object.hasOwn(current, segment)) return undefined
      current = (current as Record<string, unknown>)[segment]
    }
  }
  return current
}

export const readPath = (data: unknown, path: unknown): unknown => readSegments(data, pathSegments(path))

export function missingKeys(keys: unknown[], data: unknown): unknown[] {
  return keys.filter((key) => isEmptyValue(readPath(data, key)))
}

export function compareChain(args: unknown[], timeZone: string, accept: (order: number) => boolean): boolean {
  if (args.length < 2) return false
  for (let i = 0; i + 1 < args.length && i < 2; i++) {
    const order = compareValues(args[i], args[i + 1], timeZone)
    if (order === undefined || !accept(order)) return false
  }
  return true
}

export const text = (v: unknown, operator: string): string | null => {
  if (v === null || v === undefined) return null
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  throw new LogicError('INVALID_ARGUMENT', `${operator} needs text`, operator)
}

export const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

/** `substr` over code points (C1): a surrogate pair is never cut in half. */
export function substring(value: unknown, start: unknown, length: unknown): string {
  const chars = [...(text(value, 'substr') ?? '')]
  const from = Number(start ?? 0)
  const begin = from < 0 ? Math.max(0, chars.length + from) : from
  if (length === undefined || length === null) return chars.slice(begin).join('')
  const n = Number(length)
  return (n < 0 ? chars.slice(begin, chars.length + n) : chars.slice(begin, begin + n)).join('')
}
