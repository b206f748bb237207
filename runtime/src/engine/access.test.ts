import type { FieldDefinition, TransitionDefinition, WorkflowDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { type ActorInApp, fieldAccess, inScope, mayFire } from './access.js'
import { approvalOutcome } from './record-ops.js'

const wf: WorkflowDefinition = {
  key: 'flow',
  form: 'lead',
  initial: 'new',
  states: [
    { key: 'new', fields: { secret: { operations: 'edit', '*': 'hidden' } } },
    { key: 'open', fields: { note: { sales: 'required', operations: 'read' } } },
  ],
  transitions: [],
}
const field = (key: string, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  key,
  type: 'text',
  ...extra,
})
const who = (roles: string[], userId: string | null = 'u1', isAdmin = false): ActorInApp => ({
  actor: { userId, isAdmin },
  roles,
  member: true,
  attributes: {},
  team: [],
})
const [newState, openState] = wf.states

describe('fieldAccess', () => {
  it('makes unnamed fields editable in the initial state and read-only after it', () => {
    expect(fieldAccess(field('name'), wf, newState, who(['sales']))).toBe('edit')
    expect(fieldAccess(field('name'), wf, openState, who(['sales']))).toBe('read')
  })

  it('takes the role entry, else `*`, and the most permissive of several roles', () => {
    expect(fieldAccess(field('secret'), wf, newState, who(['sales']))).toBe('hidden')
    expect(fieldAccess(field('secret'), wf, newState, who(['sales', 'operations']))).toBe('edit')
    expect(fieldAccess(field('note'), wf, openState, who(['operations', 'sales']))).toBe('required')
  })

  it('never lets a computed or readOnly field be edited, and never hides from the admin', () => {
    expect(fieldAccess(field('total', { type: 'formula' }), wf, newState, who(['operations']))).toBe('read')
    expect(fieldAccess(field('at', { readOnly: true }), wf, newState, who(['operations']))).toBe('read')
    expect(fieldAccess(field('secret'), wf, newState, who([], null, true))).toBe('edit')
  })
})

describe('mayFire', () => {
  const t = (extra: Partial<TransitionDefinition>): TransitionDefinition => ({
    key: 't',
    from: ['new'],
    to: 'open',
    roles: ['sales'],
    ...extra,
  })
  it('checks roles, system-only transitions and assigneeOnly', () => {
    expect(mayFire(t({}), who(['sales']), [null])).toBe(true)
    expect(mayFire(t({}), who(['operations']), [null])).toBe(false)
    expect(mayFire(t({ roles: [] }), who(['sales']), [null])).toBe(false)
    expect(
      mayFire(t({ roles: [] }), { ...who([]), actor: { userId: null, isAdmin: false, system: true } }, [
        null,
      ]),
    ).toBe(true)
    expect(mayFire(t({ assigneeOnly: true }), who(['sales'], 'u1'), ['u2'])).toBe(false)
    expect(mayFire(t({ assigneeOnly: true }), who(['sales'], 'u2'), ['u2'])).toBe(true)
    expect(mayFire(t({}), who([], 'x', true), [null])).toBe(true)
  })
})

describe('inScope', () => {
  const record = { owner: 'u1', assignee: 'u3', data: { region: 'East' } }
  const now = new Date()
  it('own covers owner and assignee, team covers the reports, where reads the record', () => {
    expect(inScope(['own'], record, who([], 'u1'), now)).toBe(true)
    expect(inScope(['own'], record, who([], 'u3'), now)).toBe(true)
    expect(inScope(['own'], record, who([], 'u2'), now)).toBe(false)
    expect(inScope(['team'], record, { ...who([], 'boss'), team: ['u1'] }, now)).toBe(true)
    expect(inScope([{ where: { '==': [{ var: 'region' }, 'East'] } }], record, who([], 'u9'), now)).toBe(true)
    expect(inScope(['none'], record, who([], 'u1'), now)).toBe(false)
  })
})

describe('approvalOutcome', () => {
  const a = (mode: 'all' | 'any' | 'share', decisions: ('approve' | 'reject')[], share?: number) => ({
    mode,
    ...(share !== undefined ? { share } : {}),
    approvers: ['a', 'b', 'c'],
    decisions: decisions.map((decision, i) => ({ userId: ['a', 'b', 'c'][i] as string, decision, at: '' })),
  })
  it('decides all, any and share, and rejects as soon as the rule cannot be met', () => {
    expect(approvalOutcome(a('all', ['approve', 'approve']))).toBe('open')
    expect(approvalOutcome(a('all', ['approve', 'approve', 'approve']))).toBe('approved')
    expect(approvalOutcome(a('all', ['reject']))).toBe('rejected')
    expect(approvalOutcome(a('any', ['reject', 'reject']))).toBe('open')
    expect(approvalOutcome(a('any', ['reject', 'approve']))).toBe('approved')
    expect(approvalOutcome(a('share', ['approve', 'approve'], 0.66))).toBe('approved')
    expect(approvalOutcome(a('share', ['approve', 'reject'], 0.66))).toBe('open')
    expect(approvalOutcome(a('share', ['reject', 'reject'], 0.66))).toBe('rejected')
  })
})
