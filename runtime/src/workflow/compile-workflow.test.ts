import type { WorkflowDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import {
  compileWorkflow,
  persistWorkflow,
  restoreWorkflow,
  startWorkflow,
  stateOf,
  stepWorkflow,
} from './compile-workflow.js'

const flow: WorkflowDefinition = {
  key: 'lead_flow',
  form: 'lead',
  initial: 'new',
  states: [{ key: 'new' }, { key: 'qualified' }, { key: 'disqualified', final: true }],
  transitions: [
    {
      key: 'qualify',
      from: ['new'],
      to: 'qualified',
      roles: ['operations'],
      guard: { '>=': [{ var: 'score' }, 60] },
      actions: [{ type: 'set', field: 'qualified_at', value: { now: [] } }],
    },
    { key: 'disqualify', from: ['new', 'qualified'], to: 'disqualified', roles: ['operations'] },
    { key: 'escalate', from: ['qualified'], to: 'qualified', roles: [] },
  ],
  timers: [{ state: 'qualified', after: 'PT24H', fire: 'escalate' }],
}
const now = new Date('2026-01-01T00:00:00Z')

describe('compileWorkflow', () => {
  const machine = compileWorkflow(flow)

  it('starts in the initial state and reports entering it', () => {
    const { snapshot, effects } = startWorkflow(machine)
    expect(stateOf(snapshot)).toBe('new')
    expect(effects).toEqual([{ kind: 'enter', state: 'new' }])
  })

  it('computes exit, actions and entry as data, without running anything', () => {
    const { snapshot } = startWorkflow(machine)
    const step = stepWorkflow(machine, snapshot, {
      type: 'qualify',
      data: { score: 70 },
      now,
      timeZone: 'UTC',
    })
    expect(stateOf(step.snapshot)).toBe('qualified')
    expect(step.effects.map((e) => e.kind)).toEqual(['exit', 'action', 'enter'])
  })

  it('takes no transition when the guard is false', () => {
    const { snapshot } = startWorkflow(machine)
    const step = stepWorkflow(machine, snapshot, {
      type: 'qualify',
      data: { score: 10 },
      now,
      timeZone: 'UTC',
    })
    expect(step.changed).toBe(false)
    expect(stateOf(step.snapshot)).toBe('new')
  })

  it('re-enters a state on a self transition, so its timers and assignee run again', () => {
    const qualified = machine.resolveState({ value: 'qualified', context: {} })
    const step = stepWorkflow(machine, qualified, { type: 'escalate', data: {}, now, timeZone: 'UTC' })
    expect(step.effects).toEqual([
      { kind: 'exit', state: 'qualified' },
      { kind: 'enter', state: 'qualified' },
    ])
  })

  it('C4: a snapshot round-trips through JSON and names its workflow and version', () => {
    const { snapshot } = startWorkflow(machine)
    const stored = JSON.parse(JSON.stringify(persistWorkflow(machine, snapshot, flow, 1)))
    expect(stored).toMatchObject({ workflow: 'lead_flow', version: 1, state: 'new' })
    const restored = restoreWorkflow(machine, flow, stored)
    expect(restored.ok).toBe(true)
    if (!restored.ok) return
    const again = JSON.parse(JSON.stringify(persistWorkflow(machine, restored.snapshot, flow, 1)))
    expect(restoreWorkflow(machine, flow, again).ok).toBe(true)
  })

  it('C4: restoring a state the version lacks reports it instead of resetting', () => {
    const v2 = {
      ...flow,
      states: flow.states.map((s) => (s.key === 'qualified' ? { ...s, key: 'qualification' } : s)),
    }
    const restored = restoreWorkflow(compileWorkflow({ ...v2, transitions: [], timers: [] }), v2, {
      workflow: 'lead_flow',
      version: 1,
      state: 'qualified',
      xstate: null,
    })
    expect(restored).toEqual({ ok: false, missing: 'qualified' })
  })
})
