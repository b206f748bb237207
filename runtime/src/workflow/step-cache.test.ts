import { readFileSync } from 'node:fs'
import type { AppDefinition, WorkflowDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { transition } from 'xstate'
import {
  type CompiledMachine,
  compileWorkflow,
  type PersistedWorkflow,
  persistWorkflow,
  restoreWorkflow,
  stepWorkflow,
  type WorkflowEvent,
} from './compile-workflow.js'

const crm = JSON.parse(
  readFileSync(new URL('../../../templates/crm/app.json', import.meta.url), 'utf8'),
) as AppDefinition
const now = new Date('2026-12-04T06:00:00Z')

/** The step as XState computes it, with nothing shared: a snapshot resolved afresh, stepped, persisted. */
function slowStep(machine: CompiledMachine, def: WorkflowDefinition, state: string, event: WorkflowEvent) {
  const from = machine.resolveState({ value: state, context: {} })
  const [next, actions] = transition(machine, from as never, event)
  const effects = (actions as { type: string; params?: { effect: unknown } }[])
    .filter((a) => a.type === 'effect')
    .map((a) => a.params?.effect)
  return {
    json: JSON.stringify({
      workflow: def.key,
      version: 3,
      state: String(next.value),
      xstate: machine.getPersistedSnapshot(next as never),
    }),
    effects,
    changed: next !== from || effects.length > 0,
  }
}

/** The engine's path: restore, step and persist through compile-workflow.ts (cached where it may be). */
function engineStep(machine: CompiledMachine, def: WorkflowDefinition, state: string, event: WorkflowEvent) {
  const stored: PersistedWorkflow = { workflow: def.key, version: 3, state, xstate: null }
  const restored = restoreWorkflow(machine, def, stored)
  if (!restored.ok) throw new Error(`no state ${state}`)
  const step = stepWorkflow(machine, restored.snapshot, event)
  return { step, json: JSON.stringify(persistWorkflow(machine, step.snapshot, def, 3)) }
}

const pairs = (def: WorkflowDefinition) =>
  def.transitions.flatMap((t) => t.from.map((state) => ({ state, t })))

describe('the cached workflow step', () => {
  for (const def of crm.workflows ?? []) {
    it(`gives the slow path's snapshot, effects and change for every step of the CRM's ${def.key}`, () => {
      const machine = compileWorkflow(def)
      expect(pairs(def).length).toBeGreaterThan(0)
      // twice each: the first fills the cache, the second answers from it
      for (const round of [1, 2])
        for (const { state, t } of pairs(def))
          for (const data of [{}, { score: 90, amount: 5000, stage: 'won' }]) {
            const event = { type: t.key, data, now, timeZone: 'Asia/Shanghai' }
            const slow = slowStep(compileWorkflow(def), def, state, event)
            const fast = engineStep(machine, def, state, event)
            expect(fast.json, `${state} --${t.key}--> (round ${round})`).toBe(slow.json)
            expect(fast.step.effects).toEqual(slow.effects)
            expect(fast.step.changed).toBe(slow.changed)
          }
    })
  }

  it("computes the CRM's SLA escalation once and shares it; the persisted form is frozen", () => {
    const def = crm.workflows?.find((w) => w.timers?.some((x) => x.fire === 'escalate')) as WorkflowDefinition
    const timer = def.timers?.find((x) => x.fire === 'escalate')
    expect(def.transitions.find((t) => t.key === 'escalate')?.guard).toBeUndefined()
    const machine = compileWorkflow(def)
    const event = (data: Record<string, unknown>) => ({ type: 'escalate', data, now, timeZone: 'UTC' })
    const a = engineStep(machine, def, timer?.state as string, event({ name: 'A' }))
    const b = engineStep(machine, def, timer?.state as string, event({ name: 'B' }))
    expect(b.step).toBe(a.step)
    expect(b.json).toBe(a.json)
    expect(a.step.effects.map((e) => e.kind)).toEqual(['exit', 'action', 'action', 'enter'])
    const persisted = persistWorkflow(machine, a.step.snapshot, def, 3).xstate as Record<string, unknown>
    expect(Object.isFrozen(persisted)).toBe(true)
    expect(() => {
      persisted.value = 'elsewhere'
    }).toThrow(TypeError)
  })

  it("caches a guarded step by its guard's outcome: each step still reads its own data", () => {
    const def: WorkflowDefinition = {
      key: 'guarded',
      form: 'item',
      initial: 'open',
      states: [{ key: 'open' }, { key: 'late' }],
      transitions: [
        { key: 'expire', from: ['open'], to: 'late', roles: [], guard: { '==': [{ var: 'ok' }, true] } },
      ],
      timers: [{ state: 'open', after: 'PT1H', fire: 'expire' }],
    }
    const machine = compileWorkflow(def)
    for (const ok of [true, false, true, false]) {
      const event = { type: 'expire', data: { ok }, now, timeZone: 'UTC' }
      const slow = slowStep(compileWorkflow(def), def, 'open', event)
      const fast = engineStep(machine, def, 'open', event)
      expect(fast.step.changed).toBe(ok)
      expect(fast.step.changed).toBe(slow.changed)
      expect(fast.json).toBe(slow.json)
    }
    const step = (ok: unknown) =>
      engineStep(machine, def, 'open', { type: 'expire', data: { ok }, now, timeZone: 'UTC' })
    expect(step(true).step).toBe(step(true).step)
    expect(step(false).step).toBe(step(false).step)
    expect(step(false).step).not.toBe(step(true).step)
    // other data with the same outcome shares the step; another outcome does not
    expect(step('yes').step).toBe(step(false).step)
    expect(step(true).step.effects.map((e) => e.kind)).toEqual(['exit', 'enter'])
  })

  it('evaluates a guard that reads the clock at each step, not once', () => {
    const def: WorkflowDefinition = {
      key: 'dated',
      form: 'item',
      initial: 'open',
      states: [{ key: 'open' }, { key: 'late' }],
      transitions: [
        {
          key: 'expire',
          from: ['open'],
          to: 'late',
          roles: [],
          guard: { '<': [{ var: 'due' }, { today: [] }] },
        },
      ],
    }
    const machine = compileWorkflow(def)
    const at = (day: string) =>
      engineStep(machine, def, 'open', {
        type: 'expire',
        data: { due: '2026-12-04' },
        now: new Date(day),
        timeZone: 'UTC',
      })
    expect(at('2026-12-04T12:00:00Z').step.changed).toBe(false)
    expect(at('2026-12-05T12:00:00Z').step.changed).toBe(true)
    expect(at('2026-12-04T12:00:00Z').step.changed).toBe(false)
  })
})
