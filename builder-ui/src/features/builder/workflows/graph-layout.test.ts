import type { WorkflowDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { layoutWorkflow } from './graph-layout.js'

const flow: WorkflowDefinition = {
  key: 'repair',
  form: 'ticket',
  initial: 'reported',
  states: [{ key: 'reported' }, { key: 'assigned' }, { key: 'fixed' }, { key: 'closed', final: true }],
  transitions: [
    { key: 'assign', from: ['reported'], to: 'assigned', roles: ['lead'] },
    { key: 'fix', from: ['assigned'], to: 'fixed', roles: ['tech'] },
    { key: 'close', from: ['fixed'], to: 'closed', roles: ['lead'] },
    { key: 'remind', from: ['assigned'], to: 'assigned', roles: [] },
  ],
}

describe('layoutWorkflow', () => {
  it('places every state, in flow order from left to right', () => {
    const at = layoutWorkflow(flow)
    expect(Object.keys(at).sort()).toEqual(['assigned', 'closed', 'fixed', 'reported'])
    expect(at.reported!.x).toBeLessThan(at.assigned!.x)
    expect(at.assigned!.x).toBeLessThan(at.fixed!.x)
    expect(at.fixed!.x).toBeLessThan(at.closed!.x)
  })

  it('copes with transitions naming unknown states', () => {
    const broken = {
      ...flow,
      transitions: [...flow.transitions, { key: 'x', from: ['ghost'], to: 'nowhere', roles: [] }],
    }
    expect(Object.keys(layoutWorkflow(broken))).toHaveLength(4)
  })

  it('lays out a 60-state workflow', () => {
    const states = Array.from({ length: 60 }, (_, i) => ({ key: `s${i}` }))
    const transitions = states
      .slice(1)
      .map((s, i) => ({ key: `t${i}`, from: [`s${i}`], to: s.key, roles: [] }))
    const at = layoutWorkflow({ key: 'big', form: 'f', initial: 's0', states, transitions })
    expect(Object.keys(at)).toHaveLength(60)
  })
})
