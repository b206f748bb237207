import type { FieldDefinition, JsonLogic } from '../app-definition.js'
import { isLinkedField, linkedValueField } from '../linked-fields.js'
import { childPointer, localized } from '../problems.js'
import {
  type Check,
  type CheckContext,
  type FieldEntry,
  type FormEntry,
  unknownFormMessage,
} from './check-context.js'
import { canCopy, COMPUTED_TYPES, NUMERIC_TYPES } from './field-kinds.js'
import { findCycles } from './find-cycles.js'
import { checkLogic, unknownFieldMessage } from './logic-checks.js'

const COMPARISONS = new Set(['==', '===', '!=', '!==', '>', '>=', '<', '<='])
const ORDERED_TYPES = new Set([...NUMERIC_TYPES, 'date', 'datetime'])

const isVar = (node: unknown): boolean =>
  node !== null &&
  typeof node === 'object' &&
  !Array.isArray(node) &&
  typeof (node as { var?: unknown }).var === 'string'
const isScalar = (node: unknown) =>
  typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean'

/**
 * Where a rollup condition leaves what the SQL translation runs (runtime store/logic-sql.ts): `and`,
 * `or`, `!`, comparisons of a field (or `state`) with a literal, `in` with a list. Undefined when all fits.
 */
export function sqlConditionProblem(logic: JsonLogic, path: string): string | undefined {
  if (typeof logic === 'boolean') return undefined
  if (logic === null || typeof logic !== 'object' || Array.isArray(logic)) return path
  const [op, raw] = Object.entries(logic)[0] ?? []
  if (op === undefined) return path
  const args: unknown[] = Array.isArray(raw) ? raw : [raw]
  const at = childPointer(path, op)
  if (op === 'and' || op === 'or') {
    if (args.length === 0) return at
    for (const [i, a] of args.entries()) {
      const inner = sqlConditionProblem(a as JsonLogic, Array.isArray(raw) ? childPointer(at, i) : at)
      if (inner) return inner
    }
    return undefined
  }
  if (op === '!')
    return sqlConditionProblem(args[0] as JsonLogic, Array.isArray(raw) ? childPointer(at, 0) : at)
  const operand = (a: unknown) => isVar(a) || isScalar(a)
  if (COMPARISONS.has(op)) return args.length === 2 && args.every(operand) ? undefined : at
  if (op === 'in')
    return args.length === 2 &&
      operand(args[0]) &&
      Array.isArray(args[1]) &&
      args[1].length > 0 &&
      args[1].every(isScalar)
      ? undefined
      : at
  return at
}

function checkLookup(ctx: CheckContext, form: FormEntry, entry: FieldEntry) {
  const { field, path } = entry
  const relation = field.relation === undefined ? undefined : form.fields.get(field.relation)?.field
  if (!relation) {
    ctx.report(
      childPointer(path, 'relation'),
      'unknown_field',
      unknownFieldMessage(field.relation ?? '', { fields: form.fields }),
    )
    return
  }
  if (relation.type !== 'relation' || relation.multiple) {
    ctx.report(
      childPointer(path, 'relation'),
      'lookup_relation_invalid',
      localized(
        `查找字段需要本表单的单值关联字段，'${relation.key}' 是 ${relation.multiple ? '多值' : relation.type} 字段`,
        `a lookup needs a single-value relation field of this form; '${relation.key}' is ${relation.multiple ? 'a multiple relation' : `a ${relation.type} field`}`,
      ),
    )
    return
  }
  const target = relation.target === undefined ? undefined : ctx.forms.get(relation.target)
  if (target && field.field !== undefined && !target.fields.has(field.field))
    ctx.report(
      childPointer(path, 'field'),
      'unknown_field',
      unknownFieldMessage(field.field, { fields: target.fields }, [
        `表单 '${target.form.key}' 中`,
        `in form '${target.form.key}': `,
      ]),
    )
}

function checkRollup(ctx: CheckContext, form: FormEntry, entry: FieldEntry) {
  const { field, path } = entry
  const source = field.form === undefined ? undefined : ctx.forms.get(field.form)
  if (!source) {
    ctx.report(childPointer(path, 'form'), 'unknown_form', unknownFormMessage(ctx, field.form ?? ''))
    return
  }
  const via = field.relation === undefined ? undefined : source.fields.get(field.relation)?.field
  const inForm: [string, string] = [`表单 '${source.form.key}' 中`, `in form '${source.form.key}': `]
  if (!via)
    ctx.report(
      childPointer(path, 'relation'),
      'unknown_field',
      unknownFieldMessage(field.relation ?? '', { fields: source.fields }, inForm),
    )
  else if (via.type !== 'relation' || via.target !== form.form.key)
    ctx.report(
      childPointer(path, 'relation'),
      'rollup_relation_invalid',
      localized(
        `'${source.form.key}.${via.key}' 不是指向表单 '${form.form.key}' 的关联字段`,
        `'${source.form.key}.${via.key}' is not a relation to form '${form.form.key}'`,
      ),
    )
  if (field.op !== 'count' && field.field === undefined)
    ctx.report(
      childPointer(path, 'field'),
      'rollup_field_missing',
      localized(`汇总 '${field.op}' 需要一个字段`, `a '${field.op}' rollup needs a field`),
    )
  if (field.field !== undefined) {
    const summed = source.fields.get(field.field)?.field
    if (!summed)
      ctx.report(
        childPointer(path, 'field'),
        'unknown_field',
        unknownFieldMessage(field.field, { fields: source.fields }, inForm),
      )
    else if (
      field.op !== 'count' &&
      (isLinkedField(summed) ||
        !(field.op === 'min' || field.op === 'max' ? ORDERED_TYPES : NUMERIC_TYPES).has(summed.type))
    )
      ctx.report(
        childPointer(path, 'field'),
        'rollup_field_invalid',
        localized(
          `'${field.op}' 不能汇总 ${summed.type} 字段 '${summed.key}'（sum/avg 需要数值字段，min/max 需要数值或日期字段）`,
          `'${field.op}' cannot summarize the ${summed.type} field '${summed.key}' (sum/avg need a numeric field, min/max a numeric or date field)`,
        ),
      )
  }
  if (field.where !== undefined) {
    const at = childPointer(path, 'where')
    checkLogic(ctx, field.where, at, { fields: source.fields, states: ctx.statesOf(source.form.key) })
    const unsupported = sqlConditionProblem(field.where, at)
    if (unsupported)
      ctx.report(
        unsupported,
        'rollup_condition_unsupported',
        localized(
          '汇总条件只能用 and、or、!、字段或 state 与常量的比较、in 列表',
          'a rollup condition may only use and, or, !, comparisons of a field or state with a literal, and in with a list',
        ),
      )
  }
}

function checkFill(ctx: CheckContext, form: FormEntry, entry: FieldEntry) {
  const { field, path } = entry
  if (!field.fill) return
  if (field.multiple)
    ctx.report(
      childPointer(path, 'fill'),
      'fill_relation_multiple',
      localized(
        '多值关联字段不能带出其他字段（不知道取哪条记录）',
        'a multiple relation cannot fill fields (which record would it take?)',
      ),
    )
  const target = field.target === undefined ? undefined : ctx.forms.get(field.target)
  for (const [into, from] of Object.entries(field.fill)) {
    const at = childPointer(path, 'fill', into)
    const dest = form.fields.get(into)?.field
    const src = target?.fields.get(from)?.field
    if (!dest) ctx.report(at, 'unknown_field', unknownFieldMessage(into, { fields: form.fields }))
    else if (COMPUTED_TYPES.has(dest.type) || dest.key === field.key)
      ctx.report(
        at,
        'computed_field',
        localized(
          `字段 '${into}' 不能被带出填写（计算字段或关联字段本身）`,
          `field '${into}' cannot be filled (computed, or the relation itself)`,
        ),
      )
    if (target && !src)
      ctx.report(
        at,
        'unknown_field',
        unknownFieldMessage(from, { fields: target.fields }, [
          `表单 '${target.form.key}' 中`,
          `in form '${target.form.key}': `,
        ]),
      )
    if (!dest || !src || COMPUTED_TYPES.has(dest.type)) continue
    const value = target && isLinkedField(src) ? linkedValueField(ctx.app, target.form, src) : src
    if (
      !value ||
      !canCopy(value.type, dest.type) ||
      (dest.type === 'relation' && value.target !== dest.target)
    )
      ctx.report(
        at,
        'fill_type_mismatch',
        localized(
          `不能把 ${src.type} 字段 '${from}' 带入 ${dest.type} 字段 '${into}'`,
          `the ${src.type} field '${from}' cannot fill the ${dest.type} field '${into}'`,
        ),
      )
  }
}

/** Lookups reading lookups in a loop (contact.a = account.b = contact.a) could never be computed. */
function checkLookupCycles(ctx: CheckContext) {
  const deps = new Map<string, string[]>()
  const paths = new Map<string, string>()
  for (const form of ctx.forms.values())
    for (const [key, { field, path }] of form.fields) {
      if (field.type !== 'lookup') continue
      const relation = field.relation === undefined ? undefined : form.fields.get(field.relation)?.field
      const target = relation?.target
      const id = `${form.form.key}.${key}`
      paths.set(id, path)
      const next = target && field.field ? ctx.forms.get(target)?.fields.get(field.field)?.field : undefined
      deps.set(id, next?.type === 'lookup' && target ? [`${target}.${next.key}`] : [])
    }
  for (const loop of findCycles(deps)) {
    const text = loop.join(' → ')
    ctx.report(
      childPointer(paths.get(loop[0] as string) as string, 'field'),
      'lookup_cycle',
      localized(`查找字段循环引用：${text}`, `lookups read each other in a loop: ${text}`),
    )
  }
}

function checkSubformColumns(ctx: CheckContext, fields: FieldDefinition[], path: string) {
  fields.forEach((column, i) => {
    if (isLinkedField(column))
      ctx.report(
        childPointer(path, i, 'type'),
        'linked_field_in_subform',
        localized('子表单的列不能是查找或汇总字段', 'a subform column cannot be a lookup or rollup field'),
      )
    if (column.fill)
      ctx.report(
        childPointer(path, i, 'fill'),
        'fill_in_subform',
        localized('子表单列的关联字段不能带出其他字段', 'a relation column of a subform cannot fill fields'),
      )
  })
}

/** Lookups, rollups and fill (data linkage) of every form. */
export const checkLinkedFields: Check = (ctx) => {
  for (const form of ctx.forms.values()) {
    for (const entry of form.fields.values()) {
      if (entry.field.type === 'lookup') checkLookup(ctx, form, entry)
      if (entry.field.type === 'rollup') checkRollup(ctx, form, entry)
      if (entry.field.type === 'relation') checkFill(ctx, form, entry)
      if (entry.field.type === 'subform' && entry.field.fields)
        checkSubformColumns(ctx, entry.field.fields, childPointer(entry.path, 'fields'))
    }
  }
  checkLookupCycles(ctx)
}
