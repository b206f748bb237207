import { childPointer, localized } from '../problems.js'
import type { CheckContext } from './check-context.js'
import { durationProblem } from './duration.js'
import {
  checkStateRef,
  checkTransitionRef,
  reportUnknownTransition,
  type WorkflowScope,
} from './workflow-scope.js'

/** Timers: a positive ISO 8601 duration, on a non-final state, firing a transition open from it. */
export function checkTimers(ctx: CheckContext, w: WorkflowScope) {
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
