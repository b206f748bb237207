import type {
  FieldPermission,
  StateDefinition,
  TransitionDefinition,
  WorkflowDefinition,
} from '../app-definition.js'
import { didYouMean } from '../did-you-mean.js'
import { childPointer, localized, pointer } from '../problems.js'
import { computedFieldMessage, checkAction } from './action-checks.js'
import { checkAssignee, unknownRole } from './assignee-checks.js'
import type { Check, CheckContext, FormEntry } from './check-context.js'
import { durationProblem } from './duration.js'
import { COMPUTED_TYPES } from './field-kinds.js'
import { checkLogic, unknownFieldMessage } from './logic-checks.js'
import { checkWorkflowGraph } from './workflow-graph.js'

interface WorkflowScope {
  wf: WorkflowDefinition
  path: string
  form: FormEntry | undefined
  states: Map<string, StateDefinition>
  transitions: Map<string, TransitionDefinition>
}

const hint = (word: string, candidates: Iterable<string>): [string, string] => {
  const guess = didYouMean(word, candidates)
  return guess ? [`（是否想写 '${guess}'？）`, ` (did you mean '${guess}'?)`] : ['', '']
}

function checkStateRef(ctx: CheckContext, w: WorkflowScope, key: string, path: string) {
  if (w.states.has(key)) return true
  const [zh, en] = hint(key, w.states.keys())
  ctx.report(
    path,
    'unknown_state',
    localized(
      `流程 '${w.wf.key}' 没有状态 '${key}'${zh}`,
      `workflow '${w.wf.key}' has no state '${key}'${en}`,
    ),
  )
  return false
}

function reportUnknownTransition(ctx: CheckContext, w: WorkflowScope, key: string, path: string) {
  const [zh, en] = hint(key, w.transitions.keys())
  ctx.report(
    path,
    'unknown_transition',
    localized(
      `流程 '${w.wf.key}' 没有流转 '${key}'${zh}`,
      `workflow '${w.wf.key}' has no transition '${key}'${en}`,
    ),
  )
}

function checkTransitionRef(
  ctx: CheckContext,
  w: WorkflowScope,
  key: string,
  path: string,
  openFrom: string,
  code: 'transition_not_open' | 'timer_transition_not_open',
) {
  const t = w.transitions.get(key)
  if (!t) reportUnknownTransition(ctx, w, key, path)
  else if (!t.from.includes(openFrom))
    ctx.report(
      path,
      code,
      localized(
        `流转 '${key}' 不能从状态 '${openFrom}' 发起`,
        `transition '${key}' is not open from state '${openFrom}'`,
      ),
    )
}

/** Whether someone may fill the field under this access (a role object without `*` leaves others editing). */
function editable(access: FieldPermission): boolean {
  const fills = (a: string) => a === 'edit' || a === 'required'
  if (typeof access === 'string') return fills(access)
  return !('*' in access) || Object.values(access).some(fills)
}

function checkState(ctx: CheckContext, w: WorkflowScope, state: StateDefinition, path: string) {
  const scope = w.form ? { fields: w.form.fields } : undefined
  if (state.assignee) checkAssignee(ctx, state.assignee, childPointer(path, 'assignee'), scope)
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

function checkTransition(
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
  if (!w.form) return
  const scope = { fields: w.form.fields }
  checkLogic(ctx, t.guard, childPointer(path, 'guard'), scope)
  t.requires?.forEach((key, i) => {
    const at = childPointer(path, 'requires', i)
    const entry = w.form!.fields.get(key)
    if (!entry) ctx.report(at, 'unknown_field', unknownFieldMessage(key, scope))
    else if (COMPUTED_TYPES.has(entry.field.type))
      ctx.report(at, 'computed_field', computedFieldMessage(key, entry.field.type))
    else if (entry.field.readOnly)
      ctx.report(
        at,
        'requires_read_only',
        localized(
          `字段 '${key}' 是只读的，发起人填写的值会被忽略，无法满足 requires`,
          `field '${key}' is read-only, so what the actor sends is ignored and requires can never be met`,
        ),
      )
  })
  t.actions?.forEach((action, i) => {
    checkAction(ctx, action, childPointer(path, 'actions', i), w.form!)
  })
}

function checkTimers(ctx: CheckContext, w: WorkflowScope) {
  w.wf.timers?.forEach((timer, i) => {
    const at = childPointer(w.path, 'timers', i)
    const duration = durationProblem(timer.after)
    if (duration) ctx.report(childPointer(at, 'after'), 'invalid_duration', duration)
    const known = checkStateRef(ctx, w, timer.state, childPointer(at, 'state'))
    const final = known && w.states.get(timer.state)?.final === true
    if (final)
      ctx.report(
        childPointer(at, 'state'),
        'timer_on_final_state',
        localized(
          `终态 '${timer.state}' 上的定时器永远无法触发流转`,
          `a timer on final state '${timer.state}' can never fire a transition`,
        ),
      )
    if (known && !final)
      checkTransitionRef(
        ctx,
        w,
        timer.fire,
        childPointer(at, 'fire'),
        timer.state,
        'timer_transition_not_open',
      )
    else if (!w.transitions.has(timer.fire))
      reportUnknownTransition(ctx, w, timer.fire, childPointer(at, 'fire'))
  })
}

/** Every workflow: its form, states, transitions, timers, then its state graph. */
export const checkWorkflows: Check = (ctx) => {
  const formOwner = new Map<string, number>()
  ctx.app.workflows?.forEach((wf, i) => {
    const path = pointer('workflows', i)
    const form = ctx.forms.get(wf.form)
    if (!form) {
      const [zh, en] = hint(wf.form, ctx.forms.keys())
      ctx.report(
        childPointer(path, 'form'),
        'unknown_form',
        localized(`表单 '${wf.form}' 不存在${zh}`, `form '${wf.form}' does not exist${en}`),
      )
    } else if (formOwner.has(wf.form))
      ctx.report(
        childPointer(path, 'form'),
        'workflow_form_taken',
        localized(
          `表单 '${wf.form}' 已由流程 ${formOwner.get(wf.form)} 管理；一个表单只能有一个流程`,
          `form '${wf.form}' is already governed by workflow ${formOwner.get(wf.form)}; a form has one workflow`,
        ),
      )
    else formOwner.set(wf.form, i)
    const states = new Map<string, StateDefinition>()
    for (const s of wf.states) if (!states.has(s.key)) states.set(s.key, s)
    const transitions = new Map<string, TransitionDefinition>()
    for (const t of wf.transitions) if (!transitions.has(t.key)) transitions.set(t.key, t)
    const w: WorkflowScope = { wf, path, form, states, transitions }
    checkStateRef(ctx, w, wf.initial, childPointer(path, 'initial'))
    wf.states.forEach((s, j) => {
      checkState(ctx, w, s, childPointer(path, 'states', j))
    })
    const firedBySystem = new Set<string>([
      ...(wf.timers ?? []).map((t) => t.fire),
      ...wf.states
        .flatMap((s) => [s.approval?.approve, s.approval?.reject])
        .filter((k): k is string => k !== undefined),
    ])
    wf.transitions.forEach((t, j) => {
      checkTransition(ctx, w, t, childPointer(path, 'transitions', j), firedBySystem)
    })
    checkTimers(ctx, w)
    checkWorkflowGraph(ctx, wf, path)
  })
}
