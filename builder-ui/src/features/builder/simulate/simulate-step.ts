import type { JsonLogic, TimerDefinition, TransitionDefinition, WorkflowDefinition } from '@tessera/schemas'
import { type ConditionNode, type ConditionRule, fromLogic, toLogic } from '../logic/condition-model.js'
import { durationMinutes, parseDuration } from '../logic/iso-duration.js'

/** Evaluates JSON Logic over record data (the one in @tessera/schemas, injected to keep this pure). */
export type Evaluate = (logic: JsonLogic, data: Record<string, unknown>) => unknown

export interface GuardCheck {
  ok: boolean
  /** the evaluator refused the guard (an unknown operator, a wrong argument) */
  error?: string
  /** the visual rules of the guard that are false for this data, to say why */
  failing: { rule: ConditionRule; actual: unknown }[]
}

export interface TransitionCheck {
  transition: TransitionDefinition
  guard: GuardCheck
  /** required fields the actor has not filled yet */
  missing: string[]
  /** only a timer or an action may fire it */
  system: boolean
}

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0)

/** The guard's verdict and the rules that make it false. */
export function checkGuard(
  guard: JsonLogic | undefined,
  data: Record<string, unknown>,
  evaluate: Evaluate,
): GuardCheck {
  if (guard === undefined) return { ok: true, failing: [] }
  try {
    const ok = evaluate({ '!!': [guard] }, data) === true
    if (ok) return { ok, failing: [] }
    const tree = fromLogic(guard)
    const failing = tree
      ? rules(tree).filter((rule) => {
          const logic = toLogic(rule)
          return logic !== undefined && evaluate({ '!!': [logic] }, data) !== true
        })
      : []
    return { ok, failing: failing.map((rule) => ({ rule, actual: data[rule.field] })) }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), failing: [] }
  }
}

function rules(node: ConditionNode): ConditionRule[] {
  return node.kind === 'rule' ? [node] : node.children.flatMap(rules)
}

/** Every transition leaving `state`, with whether its guard holds and what is missing. */
export function checkTransitions(
  workflow: WorkflowDefinition,
  state: string,
  data: Record<string, unknown>,
  evaluate: Evaluate,
): TransitionCheck[] {
  return workflow.transitions
    .filter((t) => t.from.includes(state))
    .map((transition) => ({
      transition,
      guard: checkGuard(transition.guard, data, evaluate),
      missing: (transition.requires ?? []).filter((key) => isEmpty(data[key])),
      system: transition.roles.length === 0,
    }))
}

/** Fires a transition: the next state and the data after its `set` actions (other actions are effects the server runs). */
export function fireTransition(
  transition: TransitionDefinition,
  data: Record<string, unknown>,
  evaluate: Evaluate,
): { state: string; data: Record<string, unknown>; effects: string[] } {
  const next = { ...data }
  const effects: string[] = []
  for (const action of transition.actions ?? []) {
    if (action.type === 'set') {
      const value = evaluate(action.value, next)
      if (value === undefined || value === null) delete next[action.field]
      else next[action.field] = value
    } else effects.push(action.type === 'create' ? `create ${action.form}` : action.type)
  }
  return { state: transition.to, data: next, effects }
}

/** When each timer of a state fires for a record that entered it at `enteredAt`. */
export function timersFor(
  workflow: WorkflowDefinition,
  state: string,
  enteredAt: Date,
): { timer: TimerDefinition; at: Date | null }[] {
  return (workflow.timers ?? [])
    .filter((timer) => timer.state === state)
    .map((timer) => {
      const parts = parseDuration(timer.after)
      return { timer, at: parts ? new Date(enteredAt.getTime() + durationMinutes(parts) * 60_000) : null }
    })
}
