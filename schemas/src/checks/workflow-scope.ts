import type { StateDefinition, TransitionDefinition, WorkflowDefinition } from '../app-definition.js'
import { didYouMean } from '../did-you-mean.js'
import { localized } from '../problems.js'
import type { CheckContext, FormEntry } from './check-context.js'

/** One workflow being checked, with its form and its states and transitions by key (first wins). */
export interface WorkflowScope {
  wf: WorkflowDefinition
  path: string
  form: FormEntry | undefined
  states: Map<string, StateDefinition>
  transitions: Map<string, TransitionDefinition>
}

export const hint = (word: string, candidates: Iterable<string>): [string, string] => {
  const guess = didYouMean(word, candidates)
  return guess ? [`（是否想写 '${guess}'？）`, ` (did you mean '${guess}'?)`] : ['', '']
}

/** Whether `key` names a state of the workflow; reports `unknown_state` when not. */
export function checkStateRef(ctx: CheckContext, w: WorkflowScope, key: string, path: string) {
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

export function reportUnknownTransition(ctx: CheckContext, w: WorkflowScope, key: string, path: string) {
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

export function checkTransitionRef(
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
