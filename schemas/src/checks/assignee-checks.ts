import type { AssigneeRule } from '../app-definition.js'
import { childPointer, localized } from '../problems.js'
import type { CheckContext } from './check-context.js'
import { checkLogic, type FieldScope, unknownFieldMessage } from './logic-checks.js'

export const unknownRole = (role: string) =>
  localized(`角色 '${role}' 未在 roles 中声明`, `role '${role}' is not declared in roles`)

/** An assignee rule names a declared role, or a user field of the workflow's form. */
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
    if (scope)
      for (const [attribute, value] of Object.entries(rule.roundRobin.where ?? {}))
        checkLogic(ctx, value, childPointer(at, 'where', attribute), scope)
  }
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
