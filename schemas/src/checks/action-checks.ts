import type { ActionDefinition, FieldType, JsonLogic } from '../app-definition.js'
import { childPointer, localized } from '../problems.js'
import { type CheckContext, type FormEntry, unknownFormMessage } from './check-context.js'
import { checkAssignee } from './assignee-checks.js'
import { canCopy, COMPUTED_TYPES } from './field-kinds.js'
import { checkLogic, type FieldScope, resolveField, unknownFieldMessage } from './logic-checks.js'
import { valueProblem } from './value-checks.js'

export const computedFieldMessage = (key: string, type: FieldType) =>
  localized(
    `字段 '${key}' 是 ${type}，由系统计算，不能写入`,
    `field '${key}' is a ${type} field computed by the server and cannot be written`,
  )

const isLiteral = (v: JsonLogic) => v === null || typeof v !== 'object' || Array.isArray(v)

function sourceVar(value: JsonLogic): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !('var' in value))
    return undefined
  const arg = value.var
  return typeof arg === 'string' ? arg : undefined
}

function checkLink(
  ctx: CheckContext,
  form: FormEntry | undefined,
  key: string,
  expect: string,
  path: string,
) {
  if (!form) return
  const entry = form.fields.get(key)
  if (!entry)
    ctx.report(
      path,
      'unknown_field',
      unknownFieldMessage(key, { fields: form.fields }, [
        `表单 '${form.form.key}' 中`,
        `in form '${form.form.key}': `,
      ]),
    )
  else if (entry.field.type !== 'relation' || entry.field.target !== expect)
    ctx.report(
      path,
      'link_target_mismatch',
      localized(
        `链接字段 '${key}' 必须是指向表单 '${expect}' 的关联字段`,
        `link field '${key}' must be a relation to form '${expect}'`,
      ),
    )
}

function checkCreate(
  ctx: CheckContext,
  action: Extract<ActionDefinition, { type: 'create' }>,
  path: string,
  source: FormEntry,
  scope: FieldScope,
) {
  const target = ctx.forms.get(action.form)
  if (!target) {
    ctx.report(childPointer(path, 'form'), 'unknown_form', unknownFormMessage(ctx, action.form))
  }
  for (const [key, value] of Object.entries(action.map)) {
    const at = childPointer(path, 'map', key)
    checkLogic(ctx, value, at, scope)
    if (!target) continue
    const entry = target.fields.get(key)
    if (!entry) {
      ctx.report(
        at,
        'unknown_field',
        unknownFieldMessage(key, { fields: target.fields }, [
          `表单 '${action.form}' 中`,
          `in form '${action.form}': `,
        ]),
      )
      continue
    }
    if (COMPUTED_TYPES.has(entry.field.type)) {
      ctx.report(at, 'computed_field', computedFieldMessage(key, entry.field.type))
      continue
    }
    const from = sourceVar(value)
    const fromField = from !== undefined ? resolveField(scope, from) : undefined
    if (fromField && fromField.type !== 'formula' && !canCopy(fromField.type, entry.field.type))
      ctx.report(
        at,
        'map_type_mismatch',
        localized(
          `不能把 ${fromField.type} 字段 '${from}' 复制到 ${entry.field.type} 字段 '${key}'`,
          `cannot copy ${fromField.type} field '${from}' into ${entry.field.type} field '${key}'`,
        ),
      )
    else if (isLiteral(value)) {
      const problem = valueProblem(entry.field, value)
      if (problem) ctx.report(at, 'value_type_mismatch', problem)
    }
  }
  if (!target) return
  const mapped = new Set(Object.keys(action.map))
  for (const [key, { field }] of target.fields)
    if (
      field.required &&
      field.default === undefined &&
      !mapped.has(key) &&
      key !== action.backLink &&
      !COMPUTED_TYPES.has(field.type)
    )
      ctx.report(
        childPointer(path, 'map'),
        'map_required_missing',
        localized(
          `新记录的必填字段 '${key}' 没有映射值`,
          `required field '${key}' of form '${action.form}' gets no value`,
        ),
      )
  action.match?.forEach((key, i) => {
    const at = childPointer(path, 'match', i)
    if (!target.fields.has(key))
      ctx.report(
        at,
        'unknown_field',
        unknownFieldMessage(key, { fields: target.fields }, [
          `表单 '${action.form}' 中`,
          `in form '${action.form}': `,
        ]),
      )
    else if (!mapped.has(key))
      ctx.report(
        at,
        'match_field_unmapped',
        localized(
          `匹配字段 '${key}' 没有映射值，无法用来查找已有记录`,
          `match field '${key}' gets no value in map, so it cannot find an existing record`,
        ),
      )
  })
  if (action.link !== undefined) checkLink(ctx, source, action.link, action.form, childPointer(path, 'link'))
  if (action.backLink !== undefined)
    checkLink(ctx, target, action.backLink, source.form.key, childPointer(path, 'backLink'))
}

/** Checks one action of a transition on `source`'s workflow. */
export function checkAction(ctx: CheckContext, action: ActionDefinition, path: string, source: FormEntry) {
  const scope: FieldScope = { fields: source.fields, states: ctx.statesOf(source.form.key) }
  switch (action.type) {
    case 'set': {
      const at = childPointer(path, 'field')
      const entry = source.fields.get(action.field)
      checkLogic(ctx, action.value, childPointer(path, 'value'), scope)
      if (!entry) ctx.report(at, 'unknown_field', unknownFieldMessage(action.field, scope))
      else if (COMPUTED_TYPES.has(entry.field.type))
        ctx.report(at, 'computed_field', computedFieldMessage(action.field, entry.field.type))
      else if (isLiteral(action.value)) {
        const problem = valueProblem(entry.field, action.value)
        if (problem) ctx.report(childPointer(path, 'value'), 'value_type_mismatch', problem)
      }
      return
    }
    case 'assign':
    case 'notify':
      // a notify without `to` is checkRobots' finding (it depends on the channel)
      if (action.to) checkAssignee(ctx, action.to, childPointer(path, 'to'), scope)
      return
    case 'create':
      checkCreate(ctx, action, path, source, scope)
      return
    case 'webhook':
      checkLogic(ctx, action.body, childPointer(path, 'body'), scope)
      return
  }
}
