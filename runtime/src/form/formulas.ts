import { type FieldDefinition, orderFormulas as order } from '@tessera/schemas'
import { TesseraError } from '../errors.js'

/**
 * Formula fields in dependency order, so one pass computes them all.
 * @throws TesseraError DEFINITION_INVALID naming a cycle.
 */
export function orderFormulas(fields: readonly FieldDefinition[], path: string): FieldDefinition[] {
  const r = order(fields)
  if (r.ok) return r.formulas
  const cycle = r.cycle.join(' -> ')
  throw new TesseraError(
    'DEFINITION_INVALID',
    {
      'zh-CN': `${path} 的公式循环引用：${cycle}`,
      en: `${path}: formulas depend on each other in a cycle: ${cycle}`,
    },
    { path, cycle: r.cycle },
  )
}
