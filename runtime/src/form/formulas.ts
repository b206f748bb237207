import {
  type EvaluateContext,
  type FieldDefinition,
  evaluate,
  formatDecimal,
  isEmptyValue,
  isLogicError,
  logicVars,
  toDecimal,
} from '@tessera/schemas'
import { TesseraError } from '../errors.js'

/**
 * Formula fields in dependency order (a formula reading another comes after it), so one pass
 * computes them all. @throws TesseraError DEFINITION_INVALID naming a cycle.
 */
export function orderFormulas(fields: readonly FieldDefinition[], path: string): FieldDefinition[] {
  const formulas = new Map(fields.filter((f) => f.type === 'formula').map((f) => [f.key, f]))
  const ordered: FieldDefinition[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (f: FieldDefinition, trail: string[]) => {
    if (state.get(f.key) === 'done') return
    if (state.get(f.key) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(f.key)), f.key].join(' -> ')
      throw new TesseraError(
        'DEFINITION_INVALID',
        {
          'zh-CN': `${path} 的公式循环引用：${cycle}`,
          en: `${path}: formulas depend on each other in a cycle: ${cycle}`,
        },
        { path, cycle },
      )
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
  return ordered
}

export type FormulaResult = { ok: true; value: unknown } | { ok: false; detail: string }

/** One formula over the data as stored (hidden values already dropped, C7); numbers at `decimals`. */
export function computeFormula(
  field: FieldDefinition,
  data: Record<string, unknown>,
  ctx: EvaluateContext,
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
