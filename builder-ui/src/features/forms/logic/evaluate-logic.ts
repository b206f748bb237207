import { evaluate, isTruthy, type JsonLogic } from '@tessera/schemas'

/**
 * Live conditions and formulas in the browser run the same evaluator as the server
 * (@tessera/schemas `evaluate`), so the two never disagree. A half-filled form can make an
 * expression unusable (a LogicError); in the browser that reads as "no value yet".
 */
export function evaluateLogic(
  logic: JsonLogic | undefined,
  data: Record<string, unknown>,
  timeZone?: string,
): unknown {
  if (logic === undefined) return null
  try {
    return evaluate(logic, data, { timeZone: timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone })
  } catch {
    return null
  }
}

export { isTruthy }
