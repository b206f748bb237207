import type { JsonLogic } from '../app-definition.js'
import { compileLogic } from './compile-logic.js'

export { argumentsOf, operationOf } from './logic-shape.js'

export interface EvaluateContext {
  /** the clock for `now` and `today`; tests and the engine pass theirs */
  now?: Date
  /** IANA zone for `today`, dates vs instants and `days_between`; default UTC */
  timeZone?: string
}

/**
 * Evaluates a JSON Logic expression over `data` with exactly the operators of OPERATORS.
 * Data only: no eval, no `new Function`, no prototype access (`var` reads own properties).
 * Each expression object is compiled to closures on first use and the closures are reused
 * (compile-logic.ts), so an expression must not be edited in place after it was evaluated.
 * @throws LogicError for an unknown operator or arguments it cannot use.
 */
export function evaluate(
  logic: JsonLogic,
  data: Record<string, unknown>,
  ctx: EvaluateContext = {},
): unknown {
  if (typeof logic !== 'object' || logic === null) return logic
  return compileLogic(logic)(data, { now: ctx.now ?? new Date(), timeZone: ctx.timeZone ?? 'UTC' })
}
