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

/** A transition's guard on the event's data: the machine's `rule` guard, and the step cache's key. */
const guardHolds = (logic: JsonLogic, event: WorkflowEvent) =>
  isTruthy(evaluate(logic, event.data, { now: event.now, timeZone: event.timeZone }))

/**
 * Compiles a workflow definition to an XState v5 machine. Pure: no I/O, no clock.
 * States are flat; a transition listed under several `from` states becomes the same event in each;
 * a transition to its own state re-enters it, so exit and entry (timers, assignee) run again.
 * `final` stays metadata: the CRM reopens won deals, which an XState final state would forbid.
 */
export function compileWorkflow(def: WorkflowDefinition) {
  const states: Record<string, unknown> = {}
  const guards = new Map<string, JsonLogic | undefined>()
  for (const state of def.states) {
    const on: Record<string, unknown> = {}
    for (const t of def.transitions) {
      if (!t.from.includes(state.key)) continue
      guards.set(stepKey(state.key, t.key), t.guard)
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
  const machine = setup({
    types: {} as { context: Record<string, never>; events: WorkflowEvent },
    guards: {
      rule: ({ event }, params: { logic: JsonLogic }) => guardHolds(params.logic, event),
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
  stepGuards.set(machine, guards)
  return machine
}

export type CompiledMachine = ReturnType<typeof compileWorkflow>

/*
 * The context is always empty, so a snapshot is fixed by its state, and a step by the state, the
 * event and whether the one transition's guard holds (the guard is all of the event's data that XState
 * reads): each is computed once per machine and shared by every record (a timer sweep steps
 * thousands of instances from the same state with the same event, a submit or transition through
 * the API the same few). Snapshots are not changed after they are made (XState's `transition` is
 * pure), so sharing them is safe.
 */
const stepKey = (state: string, event: string) => `${state}\u0000${event}`
/** per machine, the (state, event) pairs it knows, with the guard of each (undefined: none) */
const stepGuards = new WeakMap<CompiledMachine, Map<string, JsonLogic | undefined>>()
/** per machine, the snapshot of each state as `restoreWorkflow` makes it */
const resolved = new WeakMap<CompiledMachine, Map<string, AnyMachineSnapshot>>()
/** per shared snapshot, its steps by event type (and guard outcome) */
const steps = new WeakMap<AnyMachineSnapshot, Map<string, WorkflowStep>>()
/** per snapshot, XState's persisted form (read-only: it is stored as JSON) */
const persistedForms = new WeakMap<AnyMachineSnapshot, unknown>()

export interface WorkflowStep {
  snapshot: AnyMachineSnapshot
  effects: WorkflowEffect[]
  changed: boolean
}

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
export function stepWorkflow(
  machine: CompiledMachine,
  snapshot: AnyMachineSnapshot,
  event: WorkflowEvent,
): WorkflowStep {
  const guards = stepGuards.get(machine)
  const pair = stepKey(stateOf(snapshot), event.type)
  // an event the state does not take is left to XState, uncached
  const cacheable = guards?.has(pair) === true
  let key = event.type
  if (cacheable) {
    const guard = guards?.get(pair)
    // the same test as the machine's `rule` guard, so the cached step is the one XState would take
    if (guard !== undefined) key += guardHolds(guard, event) ? '\u0000pass' : '\u0000fail'
  }
  const known = cacheable ? steps.get(snapshot) : undefined
  const hit = known?.get(key)
  if (hit) return hit
  const [next, actions] = transition(machine, snapshot as never, event)
  const effects = effectsOf(actions as { type: string; params?: unknown }[])
  const step = { snapshot: next, effects, changed: next !== snapshot || effects.length > 0 }
  if (cacheable) {
    const byEvent = known ?? new Map<string, WorkflowStep>()
    byEvent.set(key, step)
    steps.set(snapshot, byEvent)
  }
  return step
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
    xstate: persistedOf(machine, snapshot),
  }
}

function persistedOf(machine: CompiledMachine, snapshot: AnyMachineSnapshot): unknown {
  if (persistedForms.has(snapshot)) return persistedForms.get(snapshot)
  const out = deepFreeze(machine.getPersistedSnapshot(snapshot as never))
  persistedForms.set(snapshot, out)
  return out
}

/** Shared persisted snapshots must not be changed by one record's write; freezing makes that an error. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
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
  const byState = resolved.get(machine) ?? new Map<string, AnyMachineSnapshot>()
  resolved.set(machine, byState)
  let snapshot = byState.get(state)
  if (!snapshot) {
    snapshot = machine.resolveState({ value: state, context: {} })
    byState.set(state, snapshot)
  }
  return { ok: true, snapshot }
}
