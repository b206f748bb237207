import type { ColumnMapping, ImportProfile, ImportStep } from '@tessera/schemas'
import { importError } from './import-error.js'
import { normalizeHeader, normalizeText } from './normalize-text.js'
import type { Cell } from './read-rows.js'

/** The step of a profile that feeds this form (or the named one). */
export function resolveStep(
  profile: ImportProfile | ImportStep | undefined,
  stepKey: string | undefined,
  form: string,
): ImportStep | undefined {
  if (!profile) return undefined
  if (!('steps' in profile)) return profile
  const step = stepKey
    ? profile.steps.find((s) => s.key === stepKey)
    : profile.steps.find((s) => s.form === form)
  if (!step)
    throw importError('PROFILE', {
      'zh-CN': `导入配置 ${profile.key} 没有${stepKey ? `步骤 ${stepKey}` : `导入表单 ${form} 的步骤`}`,
      en: `the import profile ${profile.key} has no ${stepKey ? `step ${stepKey}` : `step for the form ${form}`}`,
    })
  return step
}

/** `{column: field}` or a list, as column mappings. */
export function toColumnMappings(
  mapping: ColumnMapping[] | Record<string, string> | undefined,
): ColumnMapping[] | undefined {
  if (!mapping) return undefined
  if (Array.isArray(mapping)) return mapping
  return Object.entries(mapping).map(([column, field]) => ({ column, field }))
}

/** The state a row is placed in: the first matching rule, else the state column through its map. */
export function stateOf(step: ImportStep | undefined, headers: string[], cells: Cell[]): string | undefined {
  if (!step?.state) return undefined
  const cellOf = (column: string) => {
    const i = headers.findIndex((h) => normalizeHeader(h) === normalizeHeader(column))
    return i < 0 ? '' : rawText(cells[i] ?? null).trim()
  }
  for (const rule of step.state.rules ?? []) if (cellOf(rule.column) === rule.equals) return rule.state
  if (step.state.column && step.state.map) {
    const value = cellOf(step.state.column)
    const hit = Object.entries(step.state.map).find(([from]) => normalizeText(from) === normalizeText(value))
    return hit?.[1]
  }
  return undefined
}

export const rawText = (cell: Cell): string =>
  cell === null ? '' : cell instanceof Date ? cell.toISOString() : String(cell)

/** A column the step reads for the external key or the state is used, even when no field takes it. */
export function usedBySteps(step: ImportStep | undefined, header: string): boolean {
  const used = [step?.externalKey, step?.state?.column, ...(step?.state?.rules ?? []).map((r) => r.column)]
  return used.some((c) => c !== undefined && normalizeHeader(c) === normalizeHeader(header))
}
