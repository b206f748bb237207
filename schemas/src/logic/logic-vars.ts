import type { JsonLogic } from '../app-definition.js'
import { argumentsOf, operationOf } from './logic-shape.js'

// The second argument of these runs over each item, not over the record: its vars are not fields.
const ITEM_SCOPED = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some'])

/**
 * The field keys an expression reads (the first segment of each literal `var` path and of the keys
 * of `missing`/`missing_some`), in order of first appearance. Used by the verifier (unknown field,
 * wrong type), formula ordering and the UI (which fields to watch).
 */
export function logicVars(logic: JsonLogic): string[] {
  const found = new Set<string>()
  collect(logic, found)
  return [...found]
}

function addPath(path: unknown, found: Set<string>) {
  if (typeof path === 'string' && path !== '') found.add(path.split('.')[0]!)
  else if (typeof path === 'number') found.add(String(path))
}

function collect(logic: JsonLogic, found: Set<string>) {
  if (Array.isArray(logic)) {
    for (const item of logic) collect(item, found)
    return
  }
  const operator = operationOf(logic)
  if (operator === undefined) return
  const args = argumentsOf(logic, operator)
  if (operator === 'var') {
    addPath(args[0], found)
    if (args[0] !== undefined && typeof args[0] === 'object') collect(args[0], found)
    if (args[1] !== undefined) collect(args[1], found)
    return
  }
  if (operator === 'missing') {
    const keys = Array.isArray(args[0]) ? args[0] : args
    for (const key of keys) typeof key === 'object' ? collect(key, found) : addPath(key, found)
    return
  }
  if (operator === 'missing_some') {
    const keys = args[1]
    if (Array.isArray(keys)) for (const key of keys) addPath(key, found)
    return
  }
  if (ITEM_SCOPED.has(operator)) {
    collect(args[0] ?? null, found)
    if (operator === 'reduce') collect(args[2] ?? null, found)
    return
  }
  for (const arg of args) collect(arg, found)
}
