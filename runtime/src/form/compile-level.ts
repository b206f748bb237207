import {
  type EvaluateContext,
  type FieldDefinition,
  type FormulaResult,
  type JsonLogic,
  OPERATORS,
  evaluate,
  isLinkedField,
  isLogicError,
  operationOf,
} from '@tessera/schemas'
import { TesseraError } from '../errors.js'
import type { FieldRules } from './field-outcome.js'
import { orderFormulas } from './formulas.js'
import { type Both, labelOf } from './messages.js'
import { compilePattern } from './safe-pattern.js'

/** One list of fields (the form, or a subform's columns) with what prepare() needs, worked out once. */
export interface CompiledLevel {
  fields: readonly FieldDefinition[]
  rules: ReadonlyMap<string, FieldRules>
  labels: ReadonlyMap<string, Both>
  /** formulas in dependency order */
  formulas: readonly FieldDefinition[]
  subforms: ReadonlyMap<string, CompiledLevel>
}

/** Server-computed: a client's value is ignored (DESIGN.md "Values on the wire"). */
export const isComputed = (f: FieldDefinition) =>
  f.type === 'formula' || f.type === 'serial' || isLinkedField(f) || f.readOnly === true

export function compileLevel(fields: readonly FieldDefinition[], path: string): CompiledLevel {
  const rules = new Map<string, FieldRules>()
  const labels = new Map<string, Both>()
  const subforms = new Map<string, CompiledLevel>()
  fields.forEach((def, i) => {
    const at = `${path}/fields/${i}`
    const r: FieldRules = { def }
    if (def.pattern !== undefined) r.pattern = compilePattern(def.pattern, `${at}/pattern`)
    if (def.options) r.options = new Set(def.options.map((o) => o.value))
    rules.set(def.key, r)
    labels.set(def.key, labelOf(def.label, def.key))
    if (def.type === 'subform') {
      if (!def.fields || def.fields.length === 0) {
        throw new TesseraError(
          'DEFINITION_INVALID',
          { 'zh-CN': `${at}：子表单没有字段`, en: `${at}: a subform needs fields` },
          { path: at },
        )
      }
      subforms.set(def.key, compileLevel(def.fields, at))
    }
  })
  return { fields, rules, labels, formulas: orderFormulas(fields, path), subforms }
}

/**
 * A default is a literal, or an expression when it is an operation of ours (`{"today": []}`);
 * an address default `{"country": "CN"}` is a literal because `country` is no operator.
 */
export function defaultValue(f: FieldDefinition, ctx: EvaluateContext): FormulaResult {
  const op = operationOf(f.default)
  if (op === undefined || !OPERATORS.includes(op)) return { ok: true, value: f.default }
  try {
    return { ok: true, value: evaluate(f.default as JsonLogic, {}, ctx) }
  } catch (e) {
    if (isLogicError(e)) return { ok: false, detail: e.message }
    throw e
  }
}
