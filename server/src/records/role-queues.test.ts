import type { AppDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { queuedStates } from './role-queues.js'

const app = {
  key: 'desk',
  workflows: [
    {
      key: 'ticket_flow',
      form: 'ticket',
      initial: 'new',
      states: [
        { key: 'new', assignee: { role: 'triage' } },
        { key: 'support', assignee: { department: 'support' } },
        { key: 'rotating', assignee: { roundRobin: { role: 'agent' } } },
        { key: 'mine', assignee: { field: 'owner' } },
        { key: 'done' },
      ],
      transitions: [],
    },
  ],
} as unknown as AppDefinition

describe('queuedStates', () => {
  it('takes role, department and round-robin states for their people, and no one-person rule', () => {
    const states = (roles: string[], departments: string[]) =>
      queuedStates(app, roles, (d) => departments.includes(d)).map((q) => q.state)
    expect(states(['triage'], [])).toEqual(['new'])
    expect(states(['agent'], ['support'])).toEqual(['support', 'rotating'])
    expect(states([], [])).toEqual([])
    expect(states(['owner'], [])).toEqual([])
  })
})
