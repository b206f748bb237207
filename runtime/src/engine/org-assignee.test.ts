import type { AppDefinition } from '@tessera/schemas'
import { afterAll, describe, expect, it } from 'vitest'
import { isTesseraError } from '../errors.js'
import { createDepartmentStore } from '../store/department-store.js'
import type { Store } from '../store/dialect.js'
import { createIdentityStore } from '../store/identity-store.js'
import { testDatabases } from '../store/test-databases.js'
import { createEngine } from './engine.js'
import type { Actor } from './engine-types.js'
import { ADMIN, addMembers, leadApp, manualClock } from './test-kit.js'

const SYSTEM = { ...ADMIN, system: true }

/** A leave request: the submitter's department head approves, escalation goes to the assignee's manager. */
function leaveApp(key: string, dept: (name: string) => string): AppDefinition {
  return {
    key,
    name: 'HR',
    roles: [{ key: 'staff' }, { key: 'support' }],
    forms: [
      {
        key: 'leave',
        title: 'Leave',
        fields: [
          { key: 'days', type: 'integer', label: 'Days' },
          { key: 'approver', type: 'user', label: 'Approver' },
          { key: 'note', type: 'text', label: 'Private note' },
          { key: 'subject', type: 'text', label: 'Subject' },
        ],
        permissions: { staff: { create: true, read: 'department', edit: 'own' } },
      },
    ],
    workflows: [
      {
        key: 'leave_flow',
        form: 'leave',
        initial: 'review',
        states: [
          { key: 'review', assignee: { departmentHead: 'submitter' }, assigneeField: 'approver' },
          { key: 'escalated', assignee: { manager: 'assignee' }, fields: { note: { staff: 'hidden' } } },
          { key: 'support', assignee: { roundRobin: { role: 'support', department: dept('east') } } },
          { key: 'done', final: true },
        ],
        transitions: [
          { key: 'escalate', from: ['review'], to: 'escalated', roles: ['staff'] },
          { key: 'to_support', from: ['review', 'escalated'], to: 'support', roles: ['staff'] },
          { key: 'close', from: ['review', 'escalated', 'support'], to: 'done', roles: ['staff'] },
        ],
      },
    ],
  }
}

/** company (ceo) > sales (vp) > east (lea: ann, bob, sue [support]) ; west (no head: cid) */
const NAMES = ['ceo', 'vp', 'lea', 'ann', 'bob', 'sue', 'cid', 'out'] as const
type Person = Actor & { userId: string }

/** The actors by name, typed so each one is known to be there. */
function byName<N extends string>(names: readonly N[], all: Record<string, Person>): Record<N, Person> {
  return Object.fromEntries(names.map((n) => [n, all[n] as Person])) as Record<N, Person>
}

async function organisation(store: Store, app: string, dept: (name: string) => string) {
  const all = await addMembers(store, app, [
    { name: 'ceo', roles: ['staff'] },
    { name: 'vp', roles: ['staff'] },
    { name: 'lea', roles: ['staff'] },
    { name: 'ann', roles: ['staff', 'support'] },
    { name: 'bob', roles: ['staff', 'support'] },
    { name: 'sue', roles: ['staff', 'support'] },
    { name: 'cid', roles: ['staff', 'support'] },
    { name: 'out', roles: ['staff'] },
  ])
  const people = byName(NAMES, all)
  const d = createDepartmentStore(store.db)
  await d.create({ key: dept('company'), name: 'Company', head: people.ceo.userId })
  await d.create({ key: dept('sales'), name: 'Sales', parent: dept('company'), head: people.vp.userId })
  await d.create({ key: dept('east'), name: 'East', parent: dept('sales'), head: people.lea.userId })
  await d.create({ key: dept('west'), name: 'West', parent: dept('sales') })
  for (const n of ['ann', 'bob', 'sue'] as const) await d.addMember(dept('east'), people[n].userId)
  await d.addMember(dept('west'), people.cid.userId)
  return { people, departments: d }
}

for (const target of testDatabases()) {
  describe(`organisation rules on ${target.kind}`, () => {
    afterAll(() => target.dispose())

    // on PostgreSQL the tests of a file share one database: each test gets its own app and departments
    let run = 0
    async function setup() {
      const store = await target.open()
      const engine = createEngine({ store, clock: manualClock() })
      const n = ++run
      const app = `hr${n}`
      const dept = (name: string) => `${name}${n}`
      await engine.publish(app, leaveApp(app, dept), SYSTEM)
      return { store, engine, app, dept, ...(await organisation(store, app, dept)) }
    }

    it("assigns the submitter's department head, the parent's head for a head, and keeps it in the field", async () => {
      const { engine, people, app } = await setup()
      const byAnn = await engine.submit(app, 'leave', { days: 2 }, people.ann)
      expect(byAnn.assignee).toBe(people.lea.userId)
      expect(byAnn.data.approver).toBe(people.lea.userId)
      const byLea = await engine.submit(app, 'leave', { days: 1 }, people.lea)
      expect(byLea.assignee).toBe(people.vp.userId)
      // west has no head: the head above it
      expect((await engine.submit(app, 'leave', { days: 1 }, people.cid)).assignee).toBe(people.vp.userId)
    })

    it('leaves the record unassigned and says why when the rule finds nobody', async () => {
      const { engine, people, app } = await setup()
      const byOut = await engine.submit(app, 'leave', { days: 3 }, people.out)
      expect(byOut.assignee).toBeNull()
      const [created] = await engine.events(byOut.id, ADMIN)
      expect(created?.meta?.unassigned).toEqual([
        { state: 'review', rule: { departmentHead: 'submitter' }, reason: 'no_department' },
      ])
      const byCeo = await engine.submit(app, 'leave', { days: 3 }, people.ceo)
      expect(byCeo.assignee).toBeNull()
      expect((await engine.events(byCeo.id, ADMIN))[0]?.meta?.unassigned).toMatchObject([
        { reason: 'no_head' },
      ])
    })

    it("escalates to the assignee's manager: the manager attribute first, else the head above", async () => {
      const { store, engine, people, app } = await setup()
      const r = await engine.submit(app, 'leave', { days: 2 }, people.ann)
      const escalated = await engine.transition(r.id, 'escalate', {}, people.ann, r.version)
      expect(escalated.assignee).toBe(people.vp.userId) // lea's head above
      await createIdentityStore(store.db).setMembership(app, people.lea.userId, {
        roles: ['staff'],
        attributes: { manager: people.ceo.userId },
      })
      const r2 = await engine.submit(app, 'leave', { days: 2 }, people.bob)
      expect((await engine.transition(r2.id, 'escalate', {}, people.bob, r2.version)).assignee).toBe(
        people.ceo.userId,
      )
    })

    it('rotates round robin only within the department tree, never picking a deactivated member again', async () => {
      const { store, engine, people, app } = await setup()
      const picked: string[] = []
      const send = async () => {
        const r = await engine.submit(app, 'leave', { days: 1 }, people.ann)
        const s = await engine.transition(r.id, 'to_support', {}, people.ann, r.version)
        picked.push(s.assignee as string)
      }
      for (let i = 0; i < 6; i++) await send()
      const name = (id: string) => Object.entries(people).find(([, a]) => a.userId === id)?.[0]
      // cid has the support role but is in west, outside east's tree; the rotation's order is the
      // members' (by id), so each of the three comes once per round, in the same order every round
      const names = picked.map(name)
      expect([...names.slice(0, 3)].sort()).toEqual(['ann', 'bob', 'sue'])
      expect(names.slice(3)).toEqual(names.slice(0, 3))
      await createIdentityStore(store.db).setActive(people.bob.userId, false)
      picked.length = 0
      for (let i = 0; i < 30; i++) await send()
      expect(picked.filter((p) => p === people.bob.userId)).toHaveLength(0)
      expect(new Set(picked.map(name))).toEqual(new Set(['ann', 'sue']))
    })

    it('notifies a department as its active members, sub-departments included', async () => {
      const { store, engine, people, app, dept } = await setup()
      const def = leaveApp(app, dept)
      def.workflows![0]!.transitions[2]!.actions = [
        { type: 'notify', to: { department: dept('sales') }, message: 'closed' },
      ]
      await engine.publish(app, def, SYSTEM)
      await createIdentityStore(store.db).setActive(people.sue.userId, false)
      const r = await engine.submit(app, 'leave', { days: 1 }, people.ann)
      await engine.transition(r.id, 'close', {}, people.ann, r.version)
      const [message] = await engine.outbox({ recordId: r.id })
      const to = (message?.payload as { to?: string[] } | undefined)?.to
      expect(new Set(to)).toEqual(
        new Set((['vp', 'lea', 'ann', 'bob', 'cid'] as const).map((n) => people[n].userId)),
      )
    })

    it('scopes rows by department: a head reads the records of their tree, a member only their own tree', async () => {
      const { engine, people, app } = await setup()
      await engine.submit(app, 'leave', { days: 1 }, people.ann)
      await engine.submit(app, 'leave', { days: 1 }, people.cid)
      await engine.submit(app, 'leave', { days: 1 }, people.out)
      const count = async (who: keyof typeof people) =>
        (await engine.list(app, 'leave', {}, people[who])).total
      expect(await count('vp')).toBe(2) // ann's (east) and cid's (west), both under sales
      expect(await count('bob')).toBe(1) // ann's: the same department
      expect(await count('out')).toBe(1) // only their own
    })

    it("lists a deactivated member's open work for their manager and reassigns it with an event", async () => {
      const { store, engine, people, app } = await setup()
      const ids = createIdentityStore(store.db)
      const a = await engine.submit(app, 'leave', { days: 1 }, people.ann) // -> lea
      const b = await engine.submit(app, 'leave', { days: 2 }, people.bob) // -> lea
      const done = await engine.submit(app, 'leave', { days: 3 }, people.sue)
      await engine.transition(done.id, 'close', {}, people.sue, done.version) // final: not open work
      await ids.setActive(people.lea.userId, false)

      const open = await engine.openWork(people.lea.userId, people.vp) // vp heads sales, above lea
      expect(open.map((o) => o.recordId).sort()).toEqual([a.id, b.id].sort())
      // a colleague who manages lea nowhere may not look at her work; lea herself may
      const peeked = await engine.openWork(people.lea.userId, people.ann).catch((e) => e)
      expect(isTesseraError(peeked) && peeked.code).toBe('FORBIDDEN')
      expect((await engine.openWork(people.lea.userId, people.lea)).map((o) => o.recordId).sort()).toEqual(
        [a.id, b.id].sort(),
      )

      const refused = await engine
        .reassign(a.id, people.lea.userId, people.sue.userId, people.ann)
        .catch((e) => e)
      expect(isTesseraError(refused) && refused.code).toBe('FORBIDDEN')
      await ids.setActive(people.cid.userId, false)
      const toInactive = await engine
        .reassign(a.id, people.lea.userId, people.cid.userId, people.vp)
        .catch((e) => e)
      expect(isTesseraError(toInactive) && toInactive.code).toBe('INVALID')

      const moved = await engine.reassign(a.id, people.lea.userId, people.sue.userId, people.vp, a.version)
      expect(moved).toMatchObject({ assignee: people.sue.userId, version: a.version + 1 })
      expect(moved.data.approver).toBe(people.sue.userId)
      const last = (await engine.events(a.id, ADMIN)).at(-1)
      expect(last).toMatchObject({
        type: 'assigned',
        actor: people.vp.userId,
        meta: { reassigned: { from: people.lea.userId, to: people.sue.userId } },
        diff: { approver: [people.lea.userId, people.sue.userId] },
      })
      const again = await engine
        .reassign(a.id, people.lea.userId, people.ann.userId, people.vp)
        .catch((e) => e)
      expect(isTesseraError(again) && again.code).toBe('ALREADY_DONE')
      expect((await engine.openWork(people.lea.userId, ADMIN)).map((o) => o.recordId)).toEqual([b.id])
    })

    it('names each piece of open work by the first text the caller may see in its state', async () => {
      const { engine, people, app } = await setup()
      const leave = await engine.submit(
        app,
        'leave',
        { days: 1, note: 'medical', subject: 'Ann away' },
        people.ann,
      )
      const escalated = await engine.transition(leave.id, 'escalate', {}, people.ann, leave.version)
      const holder = escalated.assignee!
      const titleFor = async (actor: Actor) =>
        (await engine.openWork(holder, actor)).find((o) => o.recordId === leave.id)?.title
      // the note is hidden from staff once escalated: its holder (staff) reads the subject, an admin the note
      expect(await titleFor(people[NAMES.find((n) => people[n].userId === holder)!])).toBe('Ann away')
      expect(await titleFor(ADMIN)).toBe('medical')
    })
  })

  describe(`the CRM hand-off on ${target.kind}`, () => {
    afterAll(() => target.dispose())

    it('never hands a lead or an SLA escalation to a deactivated rep again', async () => {
      const store = await target.open()
      const clock = manualClock()
      const engine = createEngine({ store, clock })
      await engine.publish('crm', leadApp(), SYSTEM)
      const all = await addMembers(store, 'crm', [
        { name: 'ops', roles: ['operations'] },
        { name: 'r1', roles: ['sales'], attributes: { region: 'East' } },
        { name: 'r2', roles: ['sales'], attributes: { region: 'East' } },
        { name: 'r3', roles: ['sales'], attributes: { region: 'East' } },
      ])
      const people = byName(['ops', 'r1', 'r2', 'r3'], all)
      await createIdentityStore(store.db).setActive(people.r2.userId, false)
      const assignees: (string | null)[] = []
      for (let i = 0; i < 20; i++) {
        let r = await engine.submit(
          'crm',
          'lead',
          { email: `l${i}@example.com`, region: 'East', score: 80 },
          people.ops,
        )
        r = await engine.transition(r.id, 'qualify', { score: 80 }, people.ops, r.version)
        r = await engine.transition(r.id, 'hand_off', {}, people.ops, r.version)
        assignees.push(r.assignee)
      }
      clock.advance(25 * 3600_000)
      expect(await engine.runDueTimers()).toBe(20)
      const escalated = await engine.list('crm', 'lead', {}, ADMIN)
      const picked = [...assignees, ...escalated.items.map((r) => r.assignee)]
      expect(picked).toHaveLength(40)
      expect(picked).not.toContain(people.r2.userId)
      expect(picked).not.toContain(null)
    })
  })
}
