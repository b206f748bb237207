import type { WorkflowDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { transitionEdges, withoutEdge } from './graph-model.js'

const flow: WorkflowDefinition = {
  key: 'w',
  form: 'f',
  initial: 'a',
  states: [{ key: 'a' }, { key: 'b' }, { key: 'c', final: true }],
  transitions: [
    { key: 'cancel', from: ['a', 'b'], to: 'c', roles: [] },
    { key: 'bad', from: ['ghost'], to: 'c', roles: [] },
  ],
}

describe('graph model', () => {
  it('draws one edge per from-state and skips unknown states', () => {
    expect(transitionEdges(flow)).toEqual([
      { id: 'cancel::a', transition: 'cancel', source: 'a', target: 'c' },
      { id: 'cancel::b', transition: 'cancel', source: 'b', target: 'c' },
    ])
  })

  it('removes one from-state of an edge, and the transition with its last one', () => {
    const cancel = flow.transitions[0]!
    expect(withoutEdge(cancel, 'a')).toEqual({ ...cancel, from: ['b'] })
    expect(withoutEdge({ ...cancel, from: ['a'] }, 'a')).toBeNull()
  })
})
