import { evaluate, type WorkflowDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { checkGuard, checkTransitions, fireTransition, timersFor } from './simulate-step.js'

const now = new Date('2026-12-03T10:00:00Z')
const run = (logic: Parameters<typeof evaluate>[0], data: Record<string, unknown>) =>
  evaluate(logic, data, { now })

const flow: WorkflowDefinition = {
  key: 'lead_flow',
  form: 'lead',
  initial: 'new',
  states: [{ key: 'new' }, { key: 'qualified' }, { key: 'lost', final: true }],
  transitions: [
    {
      key: 'qualify',
      from: ['new'],
      to: 'qualified',
      roles: ['operations'],
      guard: { and: [{ '>=': [{ var: 'score' }, 60] }, { '==': [{ var: 'source' }, 'web'] }] },
      requires: ['score'],
      actions: [
        { type: 'set', field: 'qualified_at', value: { now: [] } },
        { type: 'notify', to: { role: 'sales' }, message: 'hi' },
      ],
    },
    { key: 'lose', from: ['new', 'qualified'], to: 'lost', roles: ['operations'] },
    { key: 'escalate', from: ['qualified'], to: 'qualified', roles: [] },
  ],
  timers: [{ state: 'qualified', after: 'PT24H', fire: 'escalate' }],
}

describe('simulate', () => {
  it('lists the transitions leaving a state with guard verdicts and missing fields', () => {
    const checks = checkTransitions(flow, 'new', { source: 'web' }, run)
    expect(checks.map((c) => c.transition.key)).toEqual(['qualify', 'lose'])
    expect(checks[0]!.guard.ok).toBe(false)
    expect(checks[0]!.missing).toEqual(['score'])
    expect(checks[1]!.guard.ok).toBe(true)
  })

  it('says which rule of a false guard fails and the value it saw', () => {
    const guard = checkGuard(flow.transitions[0]!.guard, { score: 40, source: 'web' }, run)
    expect(guard.ok).toBe(false)
    expect(guard.failing).toEqual([
      { rule: { kind: 'rule', field: 'score', operator: 'gte', value: 60 }, actual: 40 },
    ])
    expect(checkGuard(flow.transitions[0]!.guard, { score: 75, source: 'web' }, run)).toEqual({
      ok: true,
      failing: [],
    })
  })

  it('reports a guard the evaluator refuses instead of throwing', () => {
    const guard = checkGuard({ bogus_op: [1] }, {}, run)
    expect(guard.ok).toBe(false)
    expect(guard.error).toBeTruthy()
  })

  it('fires a transition, applying set actions and listing other effects', () => {
    const result = fireTransition(flow.transitions[0]!, { score: 75 }, run)
    expect(result.state).toBe('qualified')
    expect(new Date(String(result.data.qualified_at)).toISOString()).toBe(now.toISOString())
    expect(result.effects).toEqual(['notify'])
  })

  it('tells when the SLA timer of a state fires', () => {
    expect(timersFor(flow, 'qualified', now)).toEqual([
      { timer: flow.timers![0], at: new Date('2026-12-04T10:00:00Z') },
    ])
    expect(timersFor(flow, 'new', now)).toEqual([])
  })
})
