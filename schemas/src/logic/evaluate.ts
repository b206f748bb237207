import type { JsonLogic } from '../app-definition.js'
import { abs, add, divide, extreme, multiply, round, subtract, sum } from './arithmetic.js'
import { compareValues, looseEquals, strictEquals } from './compare-values.js'
import { LogicError } from './logic-error.js'
import { codePointLength, isEmptyValue, isTruthy } from './logic-values.js'
import type { Operator } from './operators.js'
import { addDuration, daysBetween, formatInstant, todayIn } from './temporal.js'
import { DateTime } from 'luxon'

export interface EvaluateContext {
  /** the clock for `now` and `today`; tests and the engine pass theirs */
  now?: Date
  /** IANA zone for `today`, dates vs instants and `days_between`; default UTC */
  timeZone?: string
}

interface Env {
  now: Date
  timeZone: string
}

/** Evaluates one argument in the current scope, or in `data` (the item of map/filter/...). */
type Run = (logic: JsonLogic, data?: unknown) => unknown
type Handler = (args: JsonLogic[], run: Run, env: Env, data: unknown) => unknown

// Definitions are user-authored; a hostile nesting must end in a typed error, not a stack overflow.
const MAX_DEPTH = 128

/**
 * Evaluates a JSON Logic expression over `data` with exactly the operators of OPERATORS.
 * Data only: no eval, no `new Function`, no prototype access (`var` reads own properties).
 * @throws LogicError for an unknown operator or arguments it cannot use.
 */
export function evaluate(
  logic: JsonLogic,
  data: Record<string, unknown>,
  ctx: EvaluateContext = {},
): unknown {
  const env: Env = { now: ctx.now ?? new Date(), timeZone: ctx.timeZone ?? 'UTC' }
  return run(logic, data, env, 0)
}

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

function run(logic: JsonLogic, data: unknown, env: Env, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new LogicError('TOO_DEEP', `expression nested deeper than ${MAX_DEPTH}`)
  if (Array.isArray(logic)) return logic.map((item) => run(item, data, env, depth + 1))
  const operator = operationOf(logic)
  if (operator === undefined) return logic
  if (!Object.hasOwn(HANDLERS, operator)) {
    throw new LogicError('UNKNOWN_OPERATOR', `unknown operator "${operator}"`, operator)
  }
  const handler = HANDLERS[operator as Operator]
  const scoped: Run = (arg, itemData = data) => run(arg, itemData, env, depth + 1)
  return handler(argumentsOf(logic, operator), scoped, env, data)
}

const all = (args: JsonLogic[], run: Run) => args.map((a) => run(a))

function readPath(data: unknown, path: unknown): unknown {
  if (path === null || path === undefined || path === '') return data
  const segments = typeof path === 'number' ? [String(path)] : String(path).split('.')
  let current: unknown = data
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null) return undefined
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined
      current = current[Number(segment)]
    } else {
      if (!Object.hasOwn(current, segment)) return undefined
      current = (current as Record<string, unknown>)[segment]
    }
  }
  return current
}

function missingKeys(keys: unknown[], data: unknown): unknown[] {
  return keys.filter((key) => isEmptyValue(readPath(data, key)))
}

function compareChain(args: unknown[], env: Env, accept: (order: number) => boolean): boolean {
  if (args.length < 2) return false
  for (let i = 0; i + 1 < args.length && i < 2; i++) {
    const order = compareValues(args[i], args[i + 1], env.timeZone)
    if (order === undefined || !accept(order)) return false
  }
  return true
}

const text = (v: unknown, operator: string): string | null => {
  if (v === null || v === undefined) return null
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  throw new LogicError('INVALID_ARGUMENT', `${operator} needs text`, operator)
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

const HANDLERS: Record<Operator, Handler> = {
  var: (args, run, _env, data) => {
    const [path, fallback] = [run(args[0] ?? null), args[1]]
    const value = readPath(data, path)
    if (value === undefined || value === null) return fallback === undefined ? null : run(fallback)
    return value
  },
  missing: (args, run, _env, data) => {
    const first = run(args[0] ?? null)
    return missingKeys(Array.isArray(first) ? first : all(args, run), data)
  },
  missing_some: (args, run, _env, data) => {
    const need = Number(run(args[0] ?? 0))
    const keys = asList(run(args[1] ?? []))
    const missing = missingKeys(keys, data)
    return keys.length - missing.length >= need ? [] : missing
  },
  if: (args, run) => {
    let i = 0
    for (; i + 1 < args.length; i += 2) if (isTruthy(run(args[i]!))) return run(args[i + 1]!)
    return i < args.length ? run(args[i]!) : null
  },
  '?:': (args, run) => (isTruthy(run(args[0] ?? null)) ? run(args[1] ?? null) : run(args[2] ?? null)),
  '==': (args, run, env) => looseEquals(run(args[0] ?? null), run(args[1] ?? null), env.timeZone),
  '!=': (args, run, env) => !looseEquals(run(args[0] ?? null), run(args[1] ?? null), env.timeZone),
  '===': (args, run) => strictEquals(run(args[0] ?? null), run(args[1] ?? null)),
  '!==': (args, run) => !strictEquals(run(args[0] ?? null), run(args[1] ?? null)),
  '!': (args, run) => !isTruthy(run(args[0] ?? null)),
  '!!': (args, run) => isTruthy(run(args[0] ?? null)),
  or: (args, run) => {
    let last: unknown = null
    for (const a of args) {
      last = run(a)
      if (isTruthy(last)) return last
    }
    return last
  },
  and: (args, run) => {
    let last: unknown = null
    for (const a of args) {
      last = run(a)
      if (!isTruthy(last)) return last
    }
    return last
  },
  '>': (args, run, env) => compareChain(all(args, run).slice(0, 2), env, (o) => o > 0),
  '>=': (args, run, env) => compareChain(all(args, run).slice(0, 2), env, (o) => o >= 0),
  // Three arguments: between (`a < b < c`), as in JSON Logic.
  '<': (args, run, env) => compareChain(all(args, run), env, (o) => o < 0),
  '<=': (args, run, env) => compareChain(all(args, run), env, (o) => o <= 0),
  max: (args, run, env) => extreme(all(args, run), 'max', env.timeZone),
  min: (args, run, env) => extreme(all(args, run), 'min', env.timeZone),
  '+': (args, run) => add(all(args, run)),
  '-': (args, run) => subtract(all(args, run)),
  '*': (args, run) => multiply(all(args, run)),
  '/': (args, run) => divide(all(args, run), '/'),
  '%': (args, run) => divide(all(args, run), '%'),
  in: (args, run, env) => {
    const [needle, haystack] = all(args, run)
    if (typeof haystack === 'string') return typeof needle === 'string' && haystack.includes(needle)
    return Array.isArray(haystack) && haystack.some((item) => looseEquals(item, needle, env.timeZone))
  },
  cat: (args, run) =>
    all(args, run)
      .map((v) => text(v, 'cat') ?? '')
      .join(''),
  // Code points, like every length in Tessera (C1): a surrogate pair is never cut in half.
  substr: (args, run) => {
    const [value, start, length] = all(args, run)
    const chars = [...(text(value, 'substr') ?? '')]
    const from = Number(start ?? 0)
    const begin = from < 0 ? Math.max(0, chars.length + from) : from
    if (length === undefined || length === null) return chars.slice(begin).join('')
    const n = Number(length)
    return (n < 0 ? chars.slice(begin, chars.length + n) : chars.slice(begin, begin + n)).join('')
  },
  merge: (args, run) => all(args, run).flatMap((v) => (Array.isArray(v) ? v : [v])),
  map: (args, run) => asList(run(args[0] ?? null)).map((item) => run(args[1] ?? null, item)),
  filter: (args, run) => asList(run(args[0] ?? null)).filter((item) => isTruthy(run(args[1] ?? null, item))),
  reduce: (args, run) =>
    asList(run(args[0] ?? null)).reduce(
      (accumulator, current) => run(args[1] ?? null, { current, accumulator }),
      run(args[2] ?? null),
    ),
  all: (args, run) => {
    const list = asList(run(args[0] ?? null))
    return list.length > 0 && list.every((item) => isTruthy(run(args[1] ?? null, item)))
  },
  none: (args, run) => !asList(run(args[0] ?? null)).some((item) => isTruthy(run(args[1] ?? null, item))),
  some: (args, run) => asList(run(args[0] ?? null)).some((item) => isTruthy(run(args[1] ?? null, item))),
  now: (_args, _run, env) => formatInstant(DateTime.fromJSDate(env.now)),
  today: (_args, _run, env) => todayIn(env.now, env.timeZone),
  add_duration: (args, run, env) => addDuration(run(args[0] ?? null), run(args[1] ?? null), env.timeZone),
  days_between: (args, run, env) => daysBetween(run(args[0] ?? null), run(args[1] ?? null), env.timeZone),
  round: (args, run) => round(run(args[0] ?? null), args[1] === undefined ? undefined : run(args[1])),
  abs: (args, run) => abs(run(args[0] ?? null)),
  lower: (args, run) => text(run(args[0] ?? null), 'lower')?.toLowerCase() ?? null,
  upper: (args, run) => text(run(args[0] ?? null), 'upper')?.toUpperCase() ?? null,
  trim: (args, run) => text(run(args[0] ?? null), 'trim')?.trim() ?? null,
  length: (args, run) => {
    const v = run(args[0] ?? null)
    if (v === null || v === undefined) return 0
    if (Array.isArray(v)) return v.length
    return codePointLength(text(v, 'length') ?? '')
  },
  empty: (args, run) => isEmptyValue(run(args[0] ?? null)),
  sum: (args, run) => sum(run(args[0] ?? null), args[1] === undefined ? undefined : run(args[1])),
  count: (args, run) => {
    const v = run(args[0] ?? null)
    return Array.isArray(v) ? v.length : 0
  },
}
