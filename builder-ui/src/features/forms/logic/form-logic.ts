import type { FieldAccess, FieldDefinition, FormDefinition } from '@tessera/schemas'
import { evaluateLogic, isTruthy } from './evaluate-logic.js'

export type FormData = Record<string, unknown>

/** True for what DESIGN.md calls "no value": absent, null, blank text, an empty list (C3). */
export function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null) return true
  if (typeof v === 'string') return v.replace(/[\s\u00a0\u3000]/g, '') === ''
  if (Array.isArray(v)) return v.length === 0
  if (typeof v === 'object') return Object.values(v as object).every(isEmptyValue)
  return false
}

/** Fields whose value the server computes; a client never sends them. */
export const isComputed = (f: FieldDefinition) =>
  f.type === 'formula' ||
  f.type === 'serial' ||
  f.type === 'lookup' ||
  f.type === 'rollup' ||
  f.readOnly === true

/** The form's state right now: which fields show, which are required, formula values. */
export interface FormEvaluation {
  visible: Set<string>
  required: Set<string>
  /** data with hidden values dropped and formulas recomputed, what would be sent */
  data: FormData
}

/**
 * Evaluates conditions and formulas in the order that keeps C7 right: visibility first, hidden
 * values dropped, then formulas over what is left. A formula can itself drive a condition, so
 * the pass repeats until nothing changes (bounded by the field count).
 */
export function evaluateForm(
  form: FormDefinition,
  value: FormData,
  access: Record<string, FieldAccess> = {},
): FormEvaluation {
  let data: FormData = { ...value }
  let visible = new Set<string>()
  for (let pass = 0; pass <= form.fields.length; pass++) {
    visible = new Set(
      form.fields
        .filter((f) => access[f.key] !== 'hidden')
        .filter((f) => f.visibleWhen === undefined || isTruthy(evaluateLogic(f.visibleWhen, data)))
        .map((f) => f.key),
    )
    const next: FormData = {}
    for (const f of form.fields) {
      // a state-hidden field keeps its stored value; only condition-hidden values are dropped
      const conditionHidden = f.visibleWhen !== undefined && !visible.has(f.key) && access[f.key] !== 'hidden'
      if (conditionHidden) continue
      if (f.type === 'formula') {
        const r = evaluateLogic(f.expression, next)
        if (r !== null && r !== undefined && !Number.isNaN(r)) next[f.key] = r
      } else if (data[f.key] !== undefined) next[f.key] = data[f.key]
    }
    const stable = JSON.stringify(next) === JSON.stringify(data)
    data = next
    if (stable) break
  }
  const required = new Set(
    form.fields
      .filter((f) => visible.has(f.key) && !isComputed(f))
      .filter(
        (f) =>
          f.required === true ||
          access[f.key] === 'required' ||
          (f.requiredWhen !== undefined && isTruthy(evaluateLogic(f.requiredWhen, data))),
      )
      .map((f) => f.key),
  )
  return { visible, required, data }
}

/**
 * What a client sends: no computed fields, no empty values (absent, never "" or 0), only
 * fields the user may edit when an access map is given.
 */
export function toSubmission(
  form: FormDefinition,
  evaluation: FormEvaluation,
  access?: Record<string, FieldAccess>,
): FormData {
  const out: FormData = {}
  for (const f of form.fields) {
    if (isComputed(f) || !evaluation.visible.has(f.key)) continue
    if (access && access[f.key] !== undefined && access[f.key] !== 'edit' && access[f.key] !== 'required')
      continue
    const v = cleanValue(f, evaluation.data[f.key])
    if (!isEmptyValue(v)) out[f.key] = v
  }
  return out
}

function cleanValue(f: FieldDefinition, v: unknown): unknown {
  if (typeof v === 'string' && f.type !== 'textarea') return v.trim()
  if (f.type === 'subform' && Array.isArray(v)) {
    const cols = f.fields ?? []
    return v
      .map((row) => {
        const r: FormData = {}
        for (const c of cols) {
          const cv = cleanValue(c, (row as FormData)[c.key])
          if (!isEmptyValue(cv) && !isComputed(c)) r[c.key] = cv
        }
        return r
      })
      .filter((r) => Object.keys(r).length > 0)
  }
  return v
}
