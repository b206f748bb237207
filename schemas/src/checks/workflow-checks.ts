import type { StateDefinition, TransitionDefinition } from '../app-definition.js'
import { childPointer, localized, pointer } from '../problems.js'
import type { Check } from './check-context.js'
import { checkState } from './state-checks.js'
import { checkTimers } from './timer-checks.js'
import { checkTransition } from './transition-checks.js'
import { checkWorkflowGraph } from './workflow-graph.js'
import { checkStateRef, hint, type WorkflowScope } from './workflow-scope.js'

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
        .filter((s) => s.approval)
        // the engine's defaults when an approval names no transition
        .flatMap((s) => [s.approval?.approve ?? 'approve', s.approval?.reject ?? 'reject']),
    ])
    wf.transitions.forEach((t, j) => {
      checkTransition(ctx, w, t, childPointer(path, 'transitions', j), firedBySystem)
    })
    checkTimers(ctx, w)
    checkWorkflowGraph(ctx, wf, path)
  })
}
