import type { AppDefinition } from '@tessera/schemas'
import type { Store } from '../store/dialect.js'
import { createIdentityStore } from '../store/identity-store.js'
import type { Actor, Clock } from './engine-types.js'

/** A clock tests move by hand. */
export function manualClock(
  start = '2026-03-02T09:00:00.000Z',
): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = new Date(start)
  return {
    now: () => new Date(now),
    set: (iso) => {
      now = new Date(iso)
    },
    advance: (ms) => {
      now = new Date(now.getTime() + ms)
    },
  }
}

export const ADMIN: Actor = { userId: null, isAdmin: true, via: 'test' }

/**
 * A small lead app in the agreed format: unique email, a serial, a guarded qualify with a required
 * field, a hand-off by round robin within the lead's region with a 24h SLA timer, notify and webhook.
 */
export function leadApp(key = 'crm'): AppDefinition {
  return {
    key,
    name: { 'zh-CN': '客户管理', en: 'CRM' },
    roles: [{ key: 'operations' }, { key: 'sales' }],
    forms: [
      {
        key: 'lead',
        title: 'Lead',
        fields: [
          { key: 'email', type: 'email', label: 'Email', required: true, unique: true },
          { key: 'number', type: 'serial', label: 'No.', format: 'LEAD-{YYYY}-{000000}' },
          { key: 'company', type: 'text', label: 'Company' },
          { key: 'region', type: 'select', label: 'Region', options: [{ value: 'East' }, { value: 'West' }] },
          { key: 'score', type: 'integer', label: 'Score', min: 0, max: 100 },
          { key: 'amount', type: 'money', label: 'Amount', decimals: 2, currency: 'EUR' },
          { key: 'external_id', type: 'integer', label: 'External id' },
          { key: 'secret_note', type: 'textarea', label: 'Secret' },
          { key: 'qualified_at', type: 'datetime', label: 'Qualified at', readOnly: true },
          { key: 'escalations', type: 'integer', label: 'Escalations', readOnly: true },
          { key: 'disqualify_reason', type: 'textarea', label: 'Why disqualified' },
          { key: 'account', type: 'relation', label: 'Account', target: 'account' },
        ],
        permissions: {
          operations: { create: true, read: 'all', edit: 'all', import: true },
          sales: { create: true, read: 'own', edit: 'own' },
        },
      },
      {
        key: 'account',
        title: 'Account',
        fields: [
          { key: 'name', type: 'text', label: 'Name', required: true },
          { key: 'lead', type: 'relation', label: 'Lead', target: 'lead' },
          { key: 'region', type: 'text', label: 'Region' },
        ],
      },
    ],
    workflows: [
      {
        key: 'lead_flow',
        form: 'lead',
        initial: 'new',
        states: [
          { key: 'new', label: 'New', fields: { secret_note: { operations: 'edit', '*': 'hidden' } } },
          {
            key: 'qualified',
            label: 'Qualified',
            fields: { secret_note: { operations: 'read', '*': 'hidden' } },
          },
          {
            key: 'handed_off',
            label: 'Handed off',
            assignee: { roundRobin: { role: 'sales', where: { region: { var: 'region' } } } },
            fields: {
              secret_note: { operations: 'read', '*': 'hidden' },
              company: { sales: 'edit', '*': 'read' },
            },
          },
          { key: 'converted', label: 'Converted', final: true },
          { key: 'disqualified', label: 'Disqualified', final: true },
        ],
        transitions: [
          {
            key: 'qualify',
            from: ['new'],
            to: 'qualified',
            roles: ['operations'],
            guard: { '>=': [{ var: 'score' }, 60] },
            requires: ['score'],
            actions: [{ type: 'set', field: 'qualified_at', value: { now: [] } }],
          },
          { key: 'hand_off', from: ['qualified'], to: 'handed_off', roles: ['operations'] },
          {
            key: 'escalate',
            from: ['handed_off'],
            to: 'handed_off',
            roles: [],
            actions: [
              { type: 'set', field: 'escalations', value: { '+': [{ var: ['escalations', 0] }, 1] } },
              { type: 'notify', to: { role: 'operations' }, message: 'Lead not accepted in 24h' },
            ],
          },
          {
            key: 'convert',
            from: ['handed_off'],
            to: 'converted',
            roles: ['sales'],
            assigneeOnly: true,
            requires: ['company'],
            actions: [
              {
                type: 'create',
                form: 'account',
                match: ['name'],
                map: { name: { var: 'company' }, region: { var: 'region' } },
                link: 'account',
                backLink: 'lead',
              },
              {
                type: 'webhook',
                url: 'https://hooks.example.com/converted',
                body: { cat: ['converted ', { var: 'email' }] },
              },
            ],
          },
          {
            // for rollback tests: the notify is written, then the set breaks the score's max
            key: 'boost',
            from: ['qualified'],
            to: 'qualified',
            roles: ['operations'],
            actions: [
              { type: 'notify', to: { role: 'operations' }, message: 'boosting' },
              { type: 'set', field: 'score', value: { '*': [{ var: 'score' }, 10] } },
            ],
          },
          {
            key: 'disqualify',
            from: ['new', 'qualified', 'handed_off'],
            to: 'disqualified',
            roles: ['operations', 'sales'],
            requires: ['disqualify_reason'],
          },
        ],
        timers: [{ state: 'handed_off', after: 'PT24H', fire: 'escalate' }],
      },
    ],
  }
}

/** Creates users with memberships in an app; returns their actors by name. */
export async function addMembers(
  store: Store,
  app: string,
  people: {
    name: string
    roles: string[]
    attributes?: Record<string, unknown>
    active?: boolean
    available?: boolean
  }[],
): Promise<Record<string, Actor & { userId: string }>> {
  const ids = createIdentityStore(store.db)
  const out: Record<string, Actor & { userId: string }> = {}
  for (const p of people) {
    const user = await ids.createUser({
      email: `${p.name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.com`,
      name: p.name,
    })
    await ids.setMembership(app, user.id, {
      roles: p.roles,
      attributes: p.attributes ?? {},
      ...(p.available !== undefined ? { available: p.available } : {}),
    })
    if (p.active === false) await ids.setActive(user.id, false)
    out[p.name] = { userId: user.id, isAdmin: false, via: 'test' }
  }
  return out
}
