import type { AssigneeRule } from '../app-definition.js'
import { childPointer, localized } from '../problems.js'
import { didYouMean } from '../did-you-mean.js'
import type { CheckContext } from './check-context.js'
import { checkLogic, type FieldScope, unknownFieldMessage } from './logic-checks.js'

export const unknownRole = (role: string) =>
  localized(`角色 '${role}' 未在 roles 中声明`, `role '${role}' is not declared in roles`)

const unknownDepartment = (ctx: CheckContext, key: string) => {
  const guess = didYouMean(key, ctx.departments ?? [])
  return localized(
    `部门 '${key}' 不存在${guess ? `（是否想写 '${guess}'？）` : ''}`,
    `department '${key}' does not exist${guess ? ` (did you mean '${guess}'?)` : ''}`,
  )
}

/** A department the rule names, checked only when the platform's departments are known. */
function checkDepartment(ctx: CheckContext, key: string | undefined, at: string) {
  if (key !== undefined && ctx.departments && !ctx.departments.has(key))
    ctx.report(at, 'unknown_department', unknownDepartment(ctx, key))
}

/** An assignee rule names a declared role, a user field of the workflow's form, or an existing department. */
export function checkAssignee(
  ctx: CheckContext,
  rule: AssigneeRule,
  path: string,
  scope: FieldScope | undefined,
  /** where a `field` problem points, when the field is named elsewhere than `<path>/field` */
  fieldPath?: string,
) {
  if ('role' in rule && !ctx.roles.has(rule.role))
    ctx.report(childPointer(path, 'role'), 'unknown_role', unknownRole(rule.role))
  if ('roundRobin' in rule) {
    const at = childPointer(path, 'roundRobin')
    if (!ctx.roles.has(rule.roundRobin.role))
      ctx.report(childPointer(at, 'role'), 'unknown_role', unknownRole(rule.roundRobin.role))
    checkDepartment(ctx, rule.roundRobin.department, childPointer(at, 'department'))
    if (scope)
      for (const [attribute, value] of Object.entries(rule.roundRobin.where ?? {}))
        checkLogic(ctx, value, childPointer(at, 'where', attribute), scope)
  }
  if ('department' in rule) checkDepartment(ctx, rule.department, childPointer(path, 'department'))
  if ('field' in rule && scope) {
    const at = fieldPath ?? childPointer(path, 'field')
    const entry = scope.fields.get(rule.field)
    if (!entry) ctx.report(at, 'unknown_field', unknownFieldMessage(rule.field, scope))
    else if (entry.field.type !== 'user')
      ctx.report(
        at,
        'assignee_field_not_user',
        localized(
          `负责人字段 '${rule.field}' 必须是 user 类型，而不是 ${entry.field.type}`,
          `assignee field '${rule.field}' must be a user field, not ${entry.field.type}`,
        ),
      )
  }
}
