import type { FieldDefinition, JsonLogic } from '../app-definition.js'
import { type EvaluateContext, evaluate } from './evaluate.js'
import { isLogicError } from './logic-error.js'
import { formatDecimal, isEmptyValue, isTruthy, toDecimal } from './logic-values.js'
import { logicVars } from './logic-vars.js'

/**
 * How a form's conditions and formulas resolve, shared by the server's prepare() and the browser's
 * live form so both hide, compute and require alike (C2, C7). Pure: values in, state out.
 */

export type FormulaOrder = { ok: true; formulas: FieldDefinition[] } | { ok: false; cycle: string[] }

/** Formula fields in dependency order (a formula reading another comes after it), or the cycle. */
export function orderFormulas(fields: readonly FieldDefinition[]): FormulaOrder {
  const formulas = new Map(fields.filter((f) => f.type === 'formula').map((f) => [f.key, f]))
  const ordered: FieldDefinition[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  let cycle: string[] | undefined
  const visit = (f: FieldDefinition, trail: string[]) => {
    if (cycle || state.get(f.key) === 'done') return
    if (state.get(f.key) === 'visiting') {
      cycle = [...trail.slice(trail.indexOf(f.key)), f.key]
      return
    }
    state.set(f.key, 'visiting')
    for (const dep of logicVars(f.expression ?? null)) {
      const d = formulas.get(dep)
      if (d) visit(d, [...trail, f.key])
    }
    state.set(f.key, 'done')
    ordered.push(f)
  }
  for (const f of formulas.values()) visit(f, [])
  return cycle ? { ok: false, cycle } : { ok: true, formulas: ordered }
}

export type FormulaResult = { ok: true; value: unknown } | { ok: false; detail: string }

/** One formula over the data; an empty result is no value; numbers at the field's `decimals`. */
export function computeFormula(
  field: FieldDefinition,
  data: Record<string, unknown>,
  ctx: EvaluateContext = {},
): FormulaResult {
  try {
    const result = evaluate(field.expression ?? null, data, ctx)
    if (isEmptyValue(result)) return { ok: true, value: undefined }
    const d = field.decimals === undefined ? undefined : toDecimal(result)
    return { ok: true, value: d ? formatDecimal(d, field.decimals!) : result }
  } catch (e) {
    if (isLogicError(e)) return { ok: false, detail: e.message }
    throw e
  }
}

/**
 * A condition over the data. One that cannot be evaluated over these values (a LogicError) counts
 * as `onError`: pass true for visibleWhen (no data is dropped because of it), false for requiredWhen.
 */
export function conditionHolds(
  logic: JsonLogic,
  data: Record<string, unknown>,
  ctx: EvaluateContext,
  onError: boolean,
): boolean {
  try {
    return isTruthy(evaluate(logic, data, ctx))
  } catch (e) {
    if (isLogicError(e)) return onError
    throw e
  }
}

export interface FormState {
  /** the values kept (hidden ones dropped) plus the formulas computed over them */
  data: Record<string, unknown>
  /** fields whose visibleWhen is false */
  hidden: ReadonlySet<string>
  /** formulas that could not be computed over these values, with why */
  formulaErrors: ReadonlyMap<string, string>
}

/**
 * Drops fields hidden by visibleWhen, then computes formulas (in `formulas` order) over what is
 * left, so a hidden value never feeds a calculation (C7); repeated until visibility is stable,
 * since a formula may drive a condition. `values` are the present values of the other fields.
 */
export function resolveFormState(
  fields: readonly FieldDefinition[],
  formulas: readonly FieldDefinition[],
  values: Readonly<Record<string, unknown>>,
  ctx: EvaluateContext = {},
): FormState {
  let hidden = new Set<string>()
  let data: Record<string, unknown> = {}
  let formulaErrors = new Map<string, string>()
  // a later pass computes again only the formulas whose inputs it changed: the others keep their result
  let last = new Map<string, FormulaResult>()
  let flipped: Set<string> | null = null
  for (let pass = 0; pass <= fields.length; pass++) {
    data = {}
    for (const f of fields) {
      if (f.type !== 'formula' && !hidden.has(f.key) && values[f.key] !== undefined)
        data[f.key] = values[f.key]
    }
    formulaErrors = new Map()
    const results = new Map<string, FormulaResult>()
    for (const f of formulas) {
      if (hidden.has(f.key)) continue
      const before = last.get(f.key)
      const r = before && flipped && !readsAny(f, flipped) ? before : computeFormula(f, data, ctx)
      results.set(f.key, r)
      // a formula whose result moved changes the input of those after it
      if (flipped && !sameResult(before, r)) flipped.add(f.key)
      if (!r.ok) formulaErrors.set(f.key, r.detail)
      else if (r.value !== undefined) data[f.key] = r.value
    }
    const next = new Set(
      fields
        .filter((f) => f.visibleWhen !== undefined && !conditionHolds(f.visibleWhen, data, ctx, true))
        .map((f) => f.key),
    )
    const stable = next.size === hidden.size && [...next].every((k) => hidden.has(k))
    flipped = new Set([...next, ...hidden].filter((k) => next.has(k) !== hidden.has(k)))
    hidden = next
    last = results
    if (stable) break
  }
  return { data, hidden, formulaErrors }
}

const sameResult = (a: FormulaResult | undefined, b: FormulaResult) =>
  a !== undefined &&
  a.ok === b.ok &&
  (a.ok ? JSON.stringify(a.value) === JSON.stringify((b as { value: unknown }).value) : true)

// what each formula reads, worked out once per definition object; null: it may read anything
const readsOf = new WeakMap<FieldDefinition, Set<string> | null>()

/** Whether a formula reads one of `keys` (or may read anything: a computed or empty `var` path). */
function readsAny(f: FieldDefinition, keys: ReadonlySet<string>): boolean {
  let reads = readsOf.get(f)
  if (reads === undefined) {
    reads = readsEverything(f.expression ?? null) ? null : new Set(logicVars(f.expression ?? null))
    readsOf.set(f, reads)
  }
  if (reads === null) return true
  for (const k of keys) if (reads.has(k)) return true
  return false
}

/** A `var` whose path is not a literal field key reads the whole record. */
function readsEverything(logic: JsonLogic): boolean {
  if (Array.isArray(logic)) return logic.some(readsEverything)
  if (typeof logic !== 'object' || logic === null) return false
  const entries = Object.entries(logic as Record<string, JsonLogic>)
  for (const [op, arg] of entries) {
    if (op === 'var') {
      const path = Array.isArray(arg) ? arg[0] : arg
      if (path === undefined || path === null || path === '' || typeof path === 'object') return true
    }
    if (op === 'missing_some' && !(Array.isArray(arg) && Array.isArray(arg[1]))) return true
    if (readsEverything(arg)) return true
  }
  return false
}
