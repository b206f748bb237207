import type { JsonLogic } from '../app-definition.js'
import { abs, divide, subtract, sum } from './arithmetic.js'
import { compareValues, looseEquals, strictEquals } from './compare-values.js'
import { fastAdd, fastExtreme, fastMultiply, fastRound } from './fast-arithmetic.js'
import { codePointLength, isEmptyValue, isNumeric, isTruthy } from './logic-values.js'
import {
  type LogicEnv as Env,
  MAX_DEPTH,
  argumentsOf,
  asList,
  compareChain,
  missingKeys,
  operationOf,
  pathSegments,
  readPath,
  readSegments,
  substring,
  text,
  tooDeep,
  unknownOperator,
} from './logic-shape.js'
import type { Operator } from './operators.js'
import { addDuration, daysBetween, formatInstant, parseTemporal, todayIn } from './temporal.js'
import { DateTime } from 'luxon'

/** An expression made into a function of the data: the same answers and errors as `interpret`. */
export type CompiledLogic = (data: unknown, env: Env) => unknown

type Compiler = (args: JsonLogic[], depth: number) => CompiledLogic

// Per expression object: a definition is compiled the first time it is evaluated, then reused by
// every record, guard and timer that evaluates it. Expressions are never edited in place (the
// builder replaces objects), and a root always starts at depth 0, so the key is the object alone.
const compiledRoots = new WeakMap<object, CompiledLogic>()

/**
 * The closure of an expression, built once per expression object. No eval and no `new Function`:
 * it is nested closures over the same helpers the interpreter uses, with a few specialisations
 * whose equality with the interpreter the property test checks (compile-logic.property.test.ts).
 * Errors are raised when the closure runs, where the interpreter raises them (an unknown operator
 * or a too deep branch that is never taken is no error).
 */
export function compileLogic(logic: JsonLogic): CompiledLogic {
  if (typeof logic !== 'object' || logic === null) return () => logic
  let compiled = compiledRoots.get(logic)
  if (compiled === undefined) {
    compiled = compileNode(logic, 0)
    compiledRoots.set(logic, compiled)
  }
  return compiled
}

function compileNode(logic: JsonLogic, depth: number): CompiledLogic {
  if (depth > MAX_DEPTH)
    return () => {
      throw tooDeep()
    }
  if (Array.isArray(logic)) {
    const items = logic.map((item) => compileNode(item, depth + 1))
    return (data, env) => items.map((item) => item(data, env))
  }
  const operator = operationOf(logic)
  if (operator === undefined) return () => logic
  if (!Object.hasOwn(COMPILERS, operator))
    return () => {
      throw unknownOperator(operator)
    }
  return COMPILERS[operator as Operator](argumentsOf(logic, operator), depth + 1)
}

/** A value known when compiling: a literal that is not an operation and is not nested too deep. */
const isConstant = (logic: JsonLogic | undefined, depth: number): logic is string | number | boolean | null =>
  depth <= MAX_DEPTH && (logic === null || (logic !== undefined && typeof logic !== 'object'))

const each = (args: JsonLogic[], depth: number) => args.map((a) => compileNode(a, depth))

const evalAll = (cs: CompiledLogic[], data: unknown, env: Env): unknown[] => {
  const out = new Array<unknown>(cs.length)
  for (let i = 0; i < cs.length; i++) out[i] = cs[i]!(data, env)
  return out
}

// the interpreter's item scope: an undefined item runs in the enclosing data (a default parameter)
const scope = (item: unknown, data: unknown) => (item === undefined ? data : item)

const SAFE_INTEGER_TEXT = /^-?\d{1,15}$/

/**
 * `compareValues(a, b)` for a finite JSON number `b`, without decimals where doubles give the same
 * order: two doubles order as their shortest round-trip strings do (rounding is monotone), and an
 * integer of at most 15 digits is exact as a double.
 */
function orderAgainstNumber(a: unknown, b: number, timeZone: string): number | undefined {
  if (typeof a === 'number' && Number.isFinite(a)) return a < b ? -1 : a > b ? 1 : 0
  if (typeof a === 'string' && SAFE_INTEGER_TEXT.test(a)) {
    const n = Number(a)
    return n < b ? -1 : n > b ? 1 : 0
  }
  return compareValues(a, b, timeZone)
}

/**
 * `looseEquals(·, constant)` as a plain test where the constant decides it: null equals only null
 * (and a missing value), a boolean or a string that is neither numeric nor a date only itself.
 */
function equalsConstant(constant: string | number | boolean | null): ((v: unknown) => boolean) | undefined {
  if (constant === null) return (v) => v === null || v === undefined
  if (typeof constant === 'boolean') return (v) => v === constant
  if (typeof constant === 'string' && !isNumeric(constant) && parseTemporal(constant) === undefined)
    return (v) => v === constant
  return undefined
}

function compileEquals(args: JsonLogic[], depth: number, negate: boolean): CompiledLogic {
  const [left, right] = [args[0] ?? null, args[1] ?? null]
  const constantSide = isConstant(right, depth) ? right : isConstant(left, depth) ? left : undefined
  const test = constantSide === undefined ? undefined : equalsConstant(constantSide)
  if (test) {
    const other = compileNode(constantSide === right ? left : right, depth)
    return negate ? (data, env) => !test(other(data, env)) : (data, env) => test(other(data, env))
  }
  const a = compileNode(left, depth)
  const b = compileNode(right, depth)
  return negate
    ? (data, env) => !looseEquals(a(data, env), b(data, env), env.timeZone)
    : (data, env) => looseEquals(a(data, env), b(data, env), env.timeZone)
}

function compileOrder(args: JsonLogic[], depth: number, accept: (o: number) => boolean, between: boolean) {
  const bound = args[1]
  if (args.length === 2 && isConstant(bound, depth) && typeof bound === 'number' && Number.isFinite(bound)) {
    const a = compileNode(args[0]!, depth)
    return (data: unknown, env: Env) => {
      const o = orderAgainstNumber(a(data, env), bound, env.timeZone)
      return o !== undefined && accept(o)
    }
  }
  const cs = each(args, depth)
  return between
    ? (data: unknown, env: Env) => compareChain(evalAll(cs, data, env), env.timeZone, accept)
    : (data: unknown, env: Env) => compareChain(evalAll(cs, data, env).slice(0, 2), env.timeZone, accept)
}

/** One argument, as the interpreter's `run(args[i] ?? fallback)`. */
const arg = (args: JsonLogic[], i: number, depth: number, fallback: JsonLogic = null) =>
  compileNode(args[i] ?? fallback, depth)

/** An optional argument: undefined when absent, as the interpreter's `args[i] === undefined ? undefined : run(args[i])`. */
const optional = (args: JsonLogic[], i: number, depth: number) => {
  if (args[i] === undefined) return () => undefined
  return compileNode(args[i]!, depth)
}

function compileVar(args: JsonLogic[], depth: number): CompiledLogic {
  const path = args[0] ?? null
  const fallback = args[1] === undefined ? undefined : compileNode(args[1], depth)
  const orFallback = (value: unknown, data: unknown, env: Env) =>
    value !== undefined && value !== null ? value : fallback === undefined ? null : fallback(data, env)
  if (isConstant(path, depth)) {
    const segments = pathSegments(path)
    return (data, env) => orFallback(readSegments(data, segments), data, env)
  }
  const dynamic = compileNode(path, depth)
  return (data, env) => orFallback(readPath(data, dynamic(data, env)), data, env)
}

function compileMissing(args: JsonLogic[], depth: number): CompiledLogic {
  const first = arg(args, 0, depth)
  const rest = each(args.slice(1), depth)
  return (data, env) => {
    const head = first(data, env)
    if (Array.isArray(head)) return missingKeys(head, data)
    // the interpreter evaluates the first argument again here; evaluation is pure, so its value is reused
    if (args.length === 0) return []
    const keys = [head]
    for (const c of rest) keys.push(c(data, env))
    return missingKeys(keys, data)
  }
}

function compileIf(args: JsonLogic[], depth: number): CompiledLogic {
  const cs = each(args, depth)
  const n = cs.length
  return (data, env) => {
    let i = 0
    for (; i + 1 < n; i += 2) if (isTruthy(cs[i]!(data, env))) return cs[i + 1]!(data, env)
    return i < n ? cs[i]!(data, env) : null
  }
}

function compileShortCircuit(args: JsonLogic[], depth: number, stopWhen: boolean): CompiledLogic {
  const cs = each(args, depth)
  return (data, env) => {
    let last: unknown = null
    for (const c of cs) {
      last = c(data, env)
      if (isTruthy(last) === stopWhen) return last
    }
    return last
  }
}

type Items = (list: unknown[], body: CompiledLogic, data: unknown, env: Env) => unknown

function compileItems(args: JsonLogic[], depth: number, over: Items): CompiledLogic {
  const list = arg(args, 0, depth)
  const body = arg(args, 1, depth)
  return (data, env) => over(asList(list(data, env)), body, data, env)
}

/** An operation over the values of all its arguments, evaluated left to right first. */
const overAll =
  (f: (values: unknown[], env: Env) => unknown): Compiler =>
  (args, depth) => {
    const cs = each(args, depth)
    return (data, env) => f(evalAll(cs, data, env), env)
  }

/** An operation of one argument (`args[0] ?? null`). */
const unary =
  (f: (value: unknown) => unknown): Compiler =>
  (args, depth) => {
    const a = arg(args, 0, depth)
    return (data, env) => f(a(data, env))
  }

const COMPILERS: Record<Operator, Compiler> = {
  var: compileVar,
  missing: compileMissing,
  missing_some: (args, depth) => {
    const need = arg(args, 0, depth, 0)
    const list = arg(args, 1, depth, [])
    return (data, env) => {
      const n = Number(need(data, env))
      const keys = asList(list(data, env))
      const missing = missingKeys(keys, data)
      return keys.length - missing.length >= n ? [] : missing
    }
  },
  if: compileIf,
  '?:': (args, depth) => {
    const [test, yes, no] = [arg(args, 0, depth), arg(args, 1, depth), arg(args, 2, depth)]
    return (data, env) => (isTruthy(test(data, env)) ? yes(data, env) : no(data, env))
  },
  '==': (args, depth) => compileEquals(args, depth, false),
  '!=': (args, depth) => compileEquals(args, depth, true),
  '===': (args, depth) => {
    const [a, b] = [arg(args, 0, depth), arg(args, 1, depth)]
    return (data, env) => strictEquals(a(data, env), b(data, env))
  },
  '!==': (args, depth) => {
    const [a, b] = [arg(args, 0, depth), arg(args, 1, depth)]
    return (data, env) => !strictEquals(a(data, env), b(data, env))
  },
  '!': unary((v) => !isTruthy(v)),
  '!!': unary(isTruthy),
  or: (args, depth) => compileShortCircuit(args, depth, true),
  and: (args, depth) => compileShortCircuit(args, depth, false),
  '>': (args, depth) => compileOrder(args, depth, (o) => o > 0, false),
  '>=': (args, depth) => compileOrder(args, depth, (o) => o >= 0, false),
  // Three arguments: between (`a < b < c`), as in JSON Logic.
  '<': (args, depth) => compileOrder(args, depth, (o) => o < 0, true),
  '<=': (args, depth) => compileOrder(args, depth, (o) => o <= 0, true),
  max: overAll((vs, env) => fastExtreme(vs, 'max', env.timeZone)),
  min: overAll((vs, env) => fastExtreme(vs, 'min', env.timeZone)),
  '+': overAll(fastAdd),
  '-': overAll(subtract),
  '*': overAll(fastMultiply),
  '/': overAll((vs) => divide(vs, '/')),
  '%': overAll((vs) => divide(vs, '%')),
  in: overAll(([needle, haystack], env) => {
    if (typeof haystack === 'string') return typeof needle === 'string' && haystack.includes(needle)
    return Array.isArray(haystack) && haystack.some((item) => looseEquals(item, needle, env.timeZone))
  }),
  cat: overAll((vs) => vs.map((v) => text(v, 'cat') ?? '').join('')),
  substr: overAll(([value, start, length]) => substring(value, start, length)),
  merge: overAll((vs) => vs.flatMap((v) => (Array.isArray(v) ? v : [v]))),
  map: (args, depth) =>
    compileItems(args, depth, (list, body, data, env) => list.map((item) => body(scope(item, data), env))),
  filter: (args, depth) =>
    compileItems(args, depth, (list, body, data, env) =>
      list.filter((item) => isTruthy(body(scope(item, data), env))),
    ),
  reduce: (args, depth) => {
    const [list, body, initial] = [arg(args, 0, depth), arg(args, 1, depth), arg(args, 2, depth)]
    return (data, env) =>
      asList(list(data, env)).reduce(
        (accumulator, current) => body({ current, accumulator }, env),
        initial(data, env),
      )
  },
  all: (args, depth) =>
    compileItems(
      args,
      depth,
      (list, body, data, env) =>
        list.length > 0 && list.every((item) => isTruthy(body(scope(item, data), env))),
    ),
  none: (args, depth) =>
    compileItems(
      args,
      depth,
      (list, body, data, env) => !list.some((item) => isTruthy(body(scope(item, data), env))),
    ),
  some: (args, depth) =>
    compileItems(args, depth, (list, body, data, env) =>
      list.some((item) => isTruthy(body(scope(item, data), env))),
    ),
  now: () => (_data, env) => formatInstant(DateTime.fromJSDate(env.now)),
  today: () => (_data, env) => todayIn(env.now, env.timeZone),
  add_duration: (args, depth) => {
    const [base, duration] = [arg(args, 0, depth), arg(args, 1, depth)]
    return (data, env) => addDuration(base(data, env), duration(data, env), env.timeZone)
  },
  days_between: (args, depth) => {
    const [a, b] = [arg(args, 0, depth), arg(args, 1, depth)]
    return (data, env) => daysBetween(a(data, env), b(data, env), env.timeZone)
  },
  round: (args, depth) => {
    const [value, places] = [arg(args, 0, depth), optional(args, 1, depth)]
    return (data, env) => fastRound(value(data, env), places(data, env))
  },
  abs: unary(abs),
  lower: unary((v) => text(v, 'lower')?.toLowerCase() ?? null),
  upper: unary((v) => text(v, 'upper')?.toUpperCase() ?? null),
  trim: unary((v) => text(v, 'trim')?.trim() ?? null),
  length: unary((v) => {
    if (v === null || v === undefined) return 0
    if (Array.isArray(v)) return v.length
    return codePointLength(text(v, 'length') ?? '')
  }),
  empty: unary(isEmptyValue),
  sum: (args, depth) => {
    const [list, column] = [arg(args, 0, depth), optional(args, 1, depth)]
    return (data, env) => sum(list(data, env), column(data, env))
  },
  count: unary((v) => (Array.isArray(v) ? v.length : 0)),
}
