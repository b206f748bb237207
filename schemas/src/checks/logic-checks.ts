import type { FieldType, JsonLogic } from '../app-definition.js'
import { didYouMean } from '../did-you-mean.js'
import { localized, quote } from '../problems.js'
import type { CheckContext, FieldEntry } from './check-context.js'
import { durationProblem } from './duration.js'
import { isNumeric, isValidDate, isValidDateTime, NUMERIC_TYPES, TEXT_TYPES } from './field-kinds.js'
import { type Comparison, type Literal, logicFacts } from './logic-facts.js'
import { isSystemField, SYSTEM_FIELD_TYPES, SYSTEM_FIELDS } from './system-fields.js'

/** The fields a condition can name: its form's, and for a subform column also the row's siblings. */
export interface FieldScope {
  fields: Map<string, FieldEntry>
  outer?: Map<string, FieldEntry>
  /** the states of the form's workflow, when it has one: `{"==": [{"var": "state"}, "x"]}` is checked */
  states?: readonly string[] | undefined
}

interface Resolved {
  type: FieldType
  options?: string[]
}

export function resolveField(scope: FieldScope, key: string): Resolved | undefined {
  const entry = scope.fields.get(key) ?? scope.outer?.get(key)
  if (entry)
    return {
      type: entry.field.type,
      ...(entry.field.options ? { options: entry.field.options.map((o) => o.value) } : {}),
    }
  if (isSystemField(key)) return { type: SYSTEM_FIELD_TYPES[key] }
  return undefined
}

export function unknownFieldMessage(key: string, scope: FieldScope, where: [string, string] = ['', '']) {
  const candidates = [...scope.fields.keys(), ...(scope.outer?.keys() ?? []), ...SYSTEM_FIELDS]
  const guess = didYouMean(key, candidates)
  return localized(
    `${where[0]}未知字段 '${key}'${guess ? `（是否想写 '${guess}'？）` : ''}`,
    `${where[1]}unknown field '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}`,
  )
}

export function unknownStateMessage(state: string, states: readonly string[]) {
  const guess = didYouMean(state, states)
  return localized(
    `流程没有状态 '${state}'${guess ? `（是否想写 '${guess}'？）` : ''}`,
    `the workflow has no state '${state}'${guess ? ` (did you mean '${guess}'?)` : ''}`,
  )
}

type Fit = 'ok' | 'type' | 'option'

function literalFits(field: Resolved, literal: Literal, op: string): Fit {
  if (literal === null || field.type === 'formula') return 'ok'
  const isString = typeof literal === 'string'
  if (NUMERIC_TYPES.has(field.type)) return isNumeric(literal) ? 'ok' : 'type'
  if (TEXT_TYPES.has(field.type) || field.type === 'user' || field.type === 'relation')
    return isString ? 'ok' : 'type'
  switch (field.type) {
    case 'select':
    case 'radio':
      if (!isString) return 'type'
      return field.options?.includes(literal) ? 'ok' : 'option'
    case 'multiselect':
      if (op !== 'contains' || !isString) return 'type'
      return field.options?.includes(literal) ? 'ok' : 'option'
    case 'boolean':
      return typeof literal === 'boolean' ? 'ok' : 'type'
    case 'date':
      return isString && isValidDate(literal) ? 'ok' : 'type'
    case 'datetime':
      return isString && (isValidDate(literal) || isValidDateTime(literal)) ? 'ok' : 'type'
    default:
      return op === 'contains' ? 'ok' : 'type'
  }
}

function reportFit(ctx: CheckContext, scope: FieldScope, c: Comparison) {
  if (c.ref.name !== c.ref.key) return // a path into a subform or address: its parts are not typed here
  const field = resolveField(scope, c.ref.key)
  if (!field || field.type === 'lookup' || field.type === 'rollup') return
  if (c.ref.key === 'state' && isSystemField(c.ref.key) && !scope.fields.has('state') && scope.states) {
    if (typeof c.literal === 'string' && !scope.states.includes(c.literal))
      ctx.report(c.literalPath, 'unknown_state', unknownStateMessage(c.literal, scope.states))
    return
  }
  const fit = literalFits(field, c.literal, c.op)
  if (fit === 'type')
    ctx.report(
      c.literalPath,
      'condition_type_mismatch',
      localized(
        `字段 '${c.ref.key}' 是 ${field.type} 类型，不能与 ${quote(c.literal)} 比较`,
        `field '${c.ref.key}' is a ${field.type} field and cannot be compared with ${quote(c.literal)}`,
      ),
    )
  else if (fit === 'option')
    ctx.report(
      c.literalPath,
      'unknown_option',
      localized(
        `${quote(c.literal)} 不是字段 '${c.ref.key}' 的选项（${field.options?.join(', ')}）`,
        `${quote(c.literal)} is not an option of field '${c.ref.key}' (${field.options?.join(', ')})`,
      ),
    )
}

/**
 * Checks one condition or expression: every `var` names a field in scope, literals compared with a
 * field fit its type (and its options), literal durations are ISO 8601. Returns the field keys it reads.
 */
export function checkLogic(
  ctx: CheckContext,
  logic: JsonLogic | undefined,
  path: string,
  scope: FieldScope,
): string[] {
  if (logic === undefined || logic === null || typeof logic !== 'object') return []
  const facts = logicFacts(logic, path)
  for (const ref of facts.vars) {
    const field = resolveField(scope, ref.key)
    if (!field) ctx.report(ref.path, 'unknown_field', unknownFieldMessage(ref.key, scope))
    else if (field.type === 'lookup' || field.type === 'rollup')
      ctx.report(
        ref.path,
        'linked_field_in_logic',
        localized(
          `字段 '${ref.key}' 是${field.type === 'lookup' ? '查找' : '汇总'}字段，读取时才计算，条件和公式不能使用它`,
          `field '${ref.key}' is a ${field.type}, computed when read; conditions and formulas cannot use it`,
        ),
      )
  }
  for (const c of facts.comparisons) reportFit(ctx, scope, c)
  for (const c of facts.memberships) reportFit(ctx, scope, c)
  for (const { ref, column, path: at } of facts.columns) {
    const entry = scope.fields.get(ref.key) ?? scope.outer?.get(ref.key)
    const columns = entry?.field.type === 'subform' ? (entry.field.fields ?? []) : undefined
    if (ref.name === ref.key && columns && !columns.some((c) => c.key === column))
      ctx.report(
        at,
        'unknown_field',
        localized(`子表单 '${ref.key}' 没有列 '${column}'`, `subform '${ref.key}' has no column '${column}'`),
      )
  }
  for (const d of facts.durations) {
    const problem = durationProblem(d.value)
    if (problem) ctx.report(d.path, 'invalid_duration', problem)
  }
  return facts.vars.map((v) => v.key)
}
