import {
  type ActionDefinition,
  evaluate,
  isTruthy,
  type JsonLogic,
  type WorkflowDefinition,
} from '@tessera/schemas'
import { type AnyMachineSnapshot, initialTransition, setup, transition } from 'xstate'

/** What a workflow event carries: the record's data as it would be after the payload, and the clock. */
export interface WorkflowEvent {
  type: string
  data: Record<string, unknown>
  now: Date
  timeZone: string
}

/** The effects of a step, as data; the engine applies them inside its transaction. */
export type WorkflowEffect =
  | { kind: 'exit'; state: string }
  | { kind: 'enter'; state: string }
  | { kind: 'action'; transition: string; index: number; action: ActionDefinition }

/** What the engine stores with an instance: the workflow's identity and version travel with the state (C4). */
export interface PersistedWorkflow {
  workflow: string
  version: number
  state: string
  /** XState's own persisted snapshot, JSON-safe */
  xstate: unknown
}

type EffectParams = { effect: WorkflowEffect }

const noop = () => {}

/**
 * Compiles a workflow definition to an XState v5 machine. Pure: no I/O, no clock.
 * States are flat; a transition listed under several `from` states becomes the same event in each;
 * a transition to its own state re-enters it, so exit and entry (timers, assignee) run again.
 * `final` stays metadata: the CRM reopens won deals, which an XState final state would forbid.
 */
export function compileWorkflow(def: WorkflowDefinition) {
  const states: Record<string, unknown> = {}
  for (const state of def.states) {
    const on: Record<string, unknown> = {}
    for (const t of def.transitions) {
      if (!t.from.includes(state.key)) continue
      on[t.key] = {
        target: t.to,
        reenter: true,
        ...(t.guard !== undefined ? { guard: { type: 'rule', params: { logic: t.guard } } } : {}),
        actions: (t.actions ?? []).map((action, index) => ({
          type: 'effect',
          params: { effect: { kind: 'action', transition: t.key, index, action } },
        })),
      }
    }
    states[state.key] = {
      entry: [{ type: 'effect', params: { effect: { kind: 'enter', state: state.key } } }],
      exit: [{ type: 'effect', params: { effect: { kind: 'exit', state: state.key } } }],
      on,
    }
  }
  return setup({
    types: {} as { context: Record<string, never>; events: WorkflowEvent },
    guards: {
      rule: ({ event }, params: { logic: JsonLogic }) =>
        isTruthy(evaluate(params.logic, event.data, { now: event.now, timeZone: event.timeZone })),
    },
    // Effects are computed, not run: XState's pure `transition` returns them and the engine applies them.
    actions: { effect: noop as (args: unknown, params: EffectParams) => void },
  }).createMachine({
    id: def.key,
    initial: def.initial,
    context: {},
    // biome-ignore lint/suspicious/noExplicitAny: the state map is built from data; its shape is checked by the verifier.
    states: states as any,
  })
}

export type CompiledMachine = ReturnType<typeof compileWorkflow>

const effectsOf = (actions: { type: string; params?: unknown }[]): WorkflowEffect[] =>
  actions.filter((a) => a.type === 'effect').map((a) => (a.params as EffectParams).effect)

/** The first snapshot and its effects (entering the initial state). */
export function startWorkflow(machine: CompiledMachine) {
  let start = starts.get(machine)
  if (!start) {
    // pure and input-free, so the same for every record: computed once per machine
    const [snapshot, actions] = initialTransition(machine, undefined)
    start = { snapshot, effects: effectsOf(actions as { type: string; params?: unknown }[]) }
    starts.set(machine, start)
  }
  return start
}
const starts = new WeakMap<CompiledMachine, { snapshot: AnyMachineSnapshot; effects: WorkflowEffect[] }>()

/** The next snapshot and its effects, or `changed: false` when no transition was taken (e.g. the guard is false). */
export function stepWorkflow(machine: CompiledMachine, snapshot: AnyMachineSnapshot, event: WorkflowEvent) {
  const [next, actions] = transition(machine, snapshot as never, event)
  const effects = effectsOf(actions as { type: string; params?: unknown }[])
  return { snapshot: next, effects, changed: next !== snapshot || effects.length > 0 }
}

/** The state key of a flat machine's snapshot. */
export const stateOf = (snapshot: AnyMachineSnapshot): string => String(snapshot.value)

/** The JSON to store for a snapshot. */
export function persistWorkflow(
  machine: CompiledMachine,
  snapshot: AnyMachineSnapshot,
  def: WorkflowDefinition,
  version: number,
): PersistedWorkflow {
  return {
    workflow: def.key,
    version,
    state: stateOf(snapshot),
    xstate: machine.getPersistedSnapshot(snapshot as never),
  }
}

/**
 * Restores a stored snapshot into the machine of a version. Returns `missing` instead of letting
 * XState fail deep inside when the state does not exist in that version (C4).
 */
export function restoreWorkflow(
  machine: CompiledMachine,
  def: WorkflowDefinition,
  persisted: PersistedWorkflow,
  state = persisted.state,
): { ok: true; snapshot: AnyMachineSnapshot } | { ok: false; missing: string } {
  if (!def.states.some((s) => s.key === state)) return { ok: false, missing: state }
  const snapshot = machine.resolveState({ value: state, context: {} })
  return { ok: true, snapshot }
}
