import type { JsonLogic } from '../app-definition.js'
import { abs, add, divide, extreme, multiply, round, subtract, sum } from './arithmetic.js'
import { looseEquals, strictEquals } from './compare-values.js'
import { codePointLength, isEmptyValue, isTruthy } from './logic-values.js'
import {
  type LogicEnv as Env,
  MAX_DEPTH,
  argumentsOf,
  asList,
  compareChain,
  missingKeys,
  operationOf,
  readPath,
  substring,
  text,
  tooDeep,
  unknownOperator,
} from './logic-shape.js'
import type { Operator } from './operators.js'
import { addDuration, daysBetween, formatInstant, todayIn } from './temporal.js'
import { DateTime } from 'luxon'

/** Evaluates one argument in the current scope, or in `data` (the item of map/filter/...). */
type Run = (logic: JsonLogic, data?: unknown) => unknown
type Handler = (args: JsonLogic[], run: Run, env: Env, data: unknown) => unknown

/**
 * The reference: evaluates an expression by walking it, exactly the operators of OPERATORS.
 * `evaluate` runs the compiled form (compile-logic.ts); the property test holds the two equal,
 * so a change of meaning is made here first and the compiler follows.
 * @throws LogicError for an unknown operator or arguments it cannot use.
 */
export function interpret(logic: JsonLogic, data: unknown, env: Env): unknown {
  return run(logic, data, env, 0)
}

function run(logic: JsonLogic, data: unknown, env: Env, depth: number): unknown {
  if (depth > MAX_DEPTH) throw tooDeep()
  if (Array.isArray(logic)) return logic.map((item) => run(item, data, env, depth + 1))
  const operator = operationOf(logic)
  if (operator === undefined) return logic
  if (!Object.hasOwn(HANDLERS, operator)) throw unknownOperator(operator)
  const handler = HANDLERS[operator as Operator]
  const scoped: Run = (arg, itemData = data) => run(arg, itemData, env, depth + 1)
  return handler(argumentsOf(logic, operator), scoped, env, data)
}

const all = (args: JsonLogic[], run: Run) => args.map((a) => run(a))

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
  '>': (args, run, env) => compareChain(all(args, run).slice(0, 2), env.timeZone, (o) => o > 0),
  '>=': (args, run, env) => compareChain(all(args, run).slice(0, 2), env.timeZone, (o) => o >= 0),
  // Three arguments: between (`a < b < c`), as in JSON Logic.
  '<': (args, run, env) => compareChain(all(args, run), env.timeZone, (o) => o < 0),
  '<=': (args, run, env) => compareChain(all(args, run), env.timeZone, (o) => o <= 0),
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
    return substring(value, start, length)
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
