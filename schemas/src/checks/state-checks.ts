import type { AssigneeRule, FieldPermission, StateDefinition } from '../app-definition.js'
import { childPointer, localized } from '../problems.js'
import { checkAssignee, unknownRole } from './assignee-checks.js'
import type { CheckContext } from './check-context.js'
import { unknownFieldMessage } from './logic-checks.js'
import { checkTransitionRef, type WorkflowScope } from './workflow-scope.js'

/** Whether someone may fill the field under this access (a role object without `*` leaves others editing). */
function editable(access: FieldPermission): boolean {
  const fills = (a: string) => a === 'edit' || a === 'required'
  if (typeof access === 'string') return fills(access)
  return !('*' in access) || Object.values(access).some(fills)
}

/** Nobody is assigned before the initial state, so a rule that starts from the assignee finds no one there. */
function checkInitialAssignee(ctx: CheckContext, rule: AssigneeRule, path: string) {
  const kind = 'departmentHead' in rule ? 'departmentHead' : 'manager' in rule ? 'manager' : undefined
  if (!kind || (rule as Record<string, unknown>)[kind] !== 'assignee') return
  ctx.report(
    childPointer(path, 'assignee', kind),
    'assignee_before_initial',
    localized(
      '初始状态之前还没有负责人，此规则找不到人；请改用 "submitter"（提交人）',
      'nobody is assigned before the initial state, so this rule finds no one; use "submitter" instead',
    ),
  )
}

/** A state: its assignee rule, approval and field permissions. */
export function checkState(ctx: CheckContext, w: WorkflowScope, state: StateDefinition, path: string) {
  const scope = w.form ? { fields: w.form.fields, states: [...w.states.keys()] } : undefined
  if (state.assignee) checkAssignee(ctx, state.assignee, childPointer(path, 'assignee'), scope)
  if (state.assignee && state.key === w.wf.initial) checkInitialAssignee(ctx, state.assignee, path)
  if (state.assigneeField) {
    const at = childPointer(path, 'assigneeField')
    if (!state.assignee)
      ctx.report(
        at,
        'assignee_field_without_rule',
        localized(
          `状态 '${state.key}' 没有负责人规则，assigneeField 不会被填写`,
          `state '${state.key}' has no assignee rule, so assigneeField is never filled`,
        ),
      )
    // the same rule as an assignee taken from a field: it must exist and hold a member
    if (scope) checkAssignee(ctx, { field: state.assigneeField }, path, scope, at)
  }
  const approval = state.approval
  if (approval) {
    const at = childPointer(path, 'approval')
    if (!state.assignee)
      ctx.report(
        at,
        'approval_without_assignee',
        localized(
          `审批状态 '${state.key}' 没有负责人规则，没有人可以审批`,
          `approval state '${state.key}' has no assignee rule, so nobody can decide`,
        ),
      )
    if (
      approval.mode === 'share' &&
      (approval.share === undefined || approval.share <= 0 || approval.share > 1)
    )
      ctx.report(
        childPointer(at, 'share'),
        'approval_share_invalid',
        localized(
          '按比例审批需要 share，取值在 (0, 1] 之间',
          "mode 'share' needs a share greater than 0 and at most 1",
        ),
      )
    if (approval.mode !== 'share' && approval.share !== undefined)
      ctx.report(
        childPointer(at, 'share'),
        'approval_share_invalid',
        localized(
          `share 只用于 mode 'share'，当前为 '${approval.mode}'`,
          `share applies only to mode 'share', not '${approval.mode}'`,
        ),
      )
    for (const which of ['approve', 'reject'] as const) {
      const key = approval[which]
      if (key !== undefined)
        checkTransitionRef(ctx, w, key, childPointer(at, which), state.key, 'transition_not_open')
    }
    // without `approve`, the engine fires a transition named `approve` when the rule is met
    if (approval.approve === undefined && !w.transitions.get('approve')?.from.includes(state.key))
      ctx.report(
        at,
        'approval_transition_missing',
        localized(
          `审批通过后无处可去：请在 approval.approve 中指定流转，或添加从 '${state.key}' 出发、名为 'approve' 的流转`,
          `an approved record has nowhere to go: name a transition in approval.approve, or add a transition 'approve' from '${state.key}'`,
        ),
      )
  }
  if (!w.form) return
  for (const [key, access] of Object.entries(state.fields ?? {})) {
    const at = childPointer(path, 'fields', key)
    const entry = w.form.fields.get(key)
    if (!entry) ctx.report(at, 'unknown_field', unknownFieldMessage(key, { fields: w.form.fields }))
    else if (
      state.key === w.wf.initial &&
      entry.field.required &&
      entry.field.default === undefined &&
      !editable(access)
    )
      ctx.report(
        at,
        'required_not_editable',
        localized(
          `必填字段 '${key}' 在初始状态不可编辑，记录永远无法提交`,
          `required field '${key}' cannot be edited in the initial state, so no record can ever be submitted`,
        ),
      )
    if (typeof access === 'object')
      for (const role of Object.keys(access))
        if (role !== '*' && !ctx.roles.has(role))
          ctx.report(childPointer(at, role), 'unknown_role', unknownRole(role))
  }
}
