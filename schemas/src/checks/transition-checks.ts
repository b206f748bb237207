import type { TransitionDefinition } from '../app-definition.js'
import { childPointer, localized } from '../problems.js'
import { checkAction, computedFieldMessage } from './action-checks.js'
import { unknownRole } from './assignee-checks.js'
import type { CheckContext } from './check-context.js'
import { COMPUTED_TYPES } from './field-kinds.js'
import { checkLogic, unknownFieldMessage } from './logic-checks.js'
import { checkStateRef, type WorkflowScope } from './workflow-scope.js'

const setByAction = (w: WorkflowScope, key: string) =>
  w.wf.transitions.some((t) => t.actions?.some((a) => a.type === 'set' && a.field === key))

/** Whether the workflow ever gives a record an assignee (which then stays until reassigned). */
function assigns(w: WorkflowScope): boolean {
  return (
    w.wf.states.some((s) => s.assignee !== undefined) ||
    w.wf.transitions.some((t) => t.actions?.some((a) => a.type === 'assign'))
  )
}

/** A transition: its states, roles, guard, required fields and actions. */
export function checkTransition(
  ctx: CheckContext,
  w: WorkflowScope,
  t: TransitionDefinition,
  path: string,
  firedBySystem: Set<string>,
) {
  t.from.forEach((from, i) => {
    const at = childPointer(path, 'from', i)
    if (checkStateRef(ctx, w, from, at) && w.states.get(from)?.final)
      ctx.report(
        at,
        'transition_from_final',
        localized(`终态 '${from}' 不能再有流出的流转`, `final state '${from}' cannot have transitions out`),
      )
  })
  checkStateRef(ctx, w, t.to, childPointer(path, 'to'))
  t.roles.forEach((role, i) => {
    if (!ctx.roles.has(role)) ctx.report(childPointer(path, 'roles', i), 'unknown_role', unknownRole(role))
  })
  if (t.roles.length === 0 && !firedBySystem.has(t.key))
    ctx.report(
      childPointer(path, 'roles'),
      'transition_never_fired',
      localized(
        `流转 '${t.key}' 的 roles 为空（仅系统可发起），但没有定时器或审批会发起它`,
        `transition '${t.key}' has no roles (system only) but no timer or approval fires it`,
      ),
    )
  if (t.assigneeOnly && t.roles.length === 0)
    ctx.report(
      childPointer(path, 'assigneeOnly'),
      'assignee_only_system',
      localized(
        '仅系统可发起的流转不能要求负责人',
        'a system-only transition cannot be limited to the assignee',
      ),
    )
  else if (t.assigneeOnly && !assigns(w))
    ctx.report(
      childPointer(path, 'assigneeOnly'),
      'assignee_only_unassigned',
      localized(
        `流程 '${w.wf.key}' 从不指定负责人（没有 assignee 规则，也没有 assign 动作），仅负责人可发起的流转无人能用`,
        `workflow '${w.wf.key}' never assigns anyone (no assignee rule, no assign action), so no one may fire this assignee-only transition`,
      ),
    )

  if (!w.form) return
  const scope = { fields: w.form.fields, states: [...w.states.keys()] }
  checkLogic(ctx, t.guard, childPointer(path, 'guard'), scope)
  t.requires?.forEach((key, i) => {
    const at = childPointer(path, 'requires', i)
    const entry = w.form!.fields.get(key)
    if (!entry) ctx.report(at, 'unknown_field', unknownFieldMessage(key, scope))
    else if (COMPUTED_TYPES.has(entry.field.type))
      ctx.report(at, 'computed_field', computedFieldMessage(key, entry.field.type))
    // a read-only field some action sets (or a default fills) may serve as a precondition
    else if (entry.field.readOnly && entry.field.default === undefined && !setByAction(w, key))
      ctx.report(
        at,
        'requires_read_only',
        localized(
          `字段 '${key}' 是只读的且没有动作会设置它，发起人填写的值会被忽略，requires 永远无法满足`,
          `field '${key}' is read-only and no action sets it, so what the actor sends is ignored and requires can never be met`,
        ),
      )
  })
  t.actions?.forEach((action, i) => {
    checkAction(ctx, action, childPointer(path, 'actions', i), w.form!)
  })
}
