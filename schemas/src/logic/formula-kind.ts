import type { FieldDefinition, JsonLogic } from '../app-definition.js'

/** What a formula computes, as far as its expression tells: how lists sort and filter it. */
export type FormulaKind = 'number' | 'text' | 'boolean' | 'unknown'

const NUMBER_OPS = new Set([
  '+',
  '-',
  '*',
  '/',
  '%',
  'max',
  'min',
  'round',
  'abs',
  'sum',
  'count',
  'length',
  'days_between',
])
const TEXT_OPS = new Set(['cat', 'substr', 'lower', 'upper', 'trim'])
const BOOLEAN_OPS = new Set([
  '==',
  '===',
  '!=',
  '!==',
  '!',
  '!!',
  '>',
  '>=',
  '<',
  '<=',
  'in',
  'empty',
  'all',
  'none',
  'some',
])

function kindOf(logic: JsonLogic): FormulaKind | null {
  if (logic === null) return null // no value: says nothing of the others
  if (typeof logic === 'number') return 'number'
  if (typeof logic === 'string') return 'text'
  if (typeof logic === 'boolean') return 'boolean'
  if (typeof logic !== 'object' || Array.isArray(logic)) return 'unknown'
  const [op] = Object.keys(logic)
  if (op === undefined) return 'unknown'
  if (NUMBER_OPS.has(op)) return 'number'
  if (TEXT_OPS.has(op)) return 'text'
  if (BOOLEAN_OPS.has(op)) return 'boolean'
  if (op === 'if' || op === '?:') {
    const args = (logic as Record<string, unknown>)[op]
    if (!Array.isArray(args)) return 'unknown'
    // results stand at odd places, and the last one when the count is odd (the else)
    const results = args.filter((_, i) => i % 2 === 1 || (i === args.length - 1 && args.length % 2 === 1))
    const kinds = new Set(results.map((r) => kindOf(r as JsonLogic)).filter((k) => k !== null))
    return kinds.size === 1 ? [...kinds][0]! : kinds.size === 0 ? null : 'unknown'
  }
  return 'unknown'
}

/**
 * The kind of value a formula field holds: a number when it has `decimals` or its expression is
 * arithmetic (`round`, `+`, `max`…), text for `cat`, `upper`…, true/false for comparisons; `if`
 * is the kind all its results share. Anything else (a bare `var`, mixed results) is unknown.
 */
export function formulaKind(field: FieldDefinition): FormulaKind {
  if (field.type !== 'formula') return 'unknown'
  if (field.decimals !== undefined) return 'number'
  return kindOf(field.expression ?? null) ?? 'unknown'
}
