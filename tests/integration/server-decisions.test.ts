import { testDatabases } from '@tessera/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, type ServerHarness, type Session, json, openServer } from './server-harness.js'

/** A countersign: every approver must approve; each decision is its own request with the version. */
const spend = {
  key: 'spend',
  name: 'Spend',
  roles: [{ key: 'staff' }, { key: 'approver' }],
  forms: [
    {
      key: 'expense',
      title: 'Expense',
      fields: [
        { key: 'what', type: 'text', label: 'What', required: true },
        { key: 'amount', type: 'money', label: 'Amount', decimals: 2 },
      ],
    },
  ],
  workflows: [
    {
      key: 'expense_flow',
      form: 'expense',
      initial: 'submitted',
      states: [
        {
          key: 'submitted',
          assignee: { role: 'approver' },
          approval: { mode: 'all', approve: 'approve', reject: 'reject' },
        },
        { key: 'approved', final: true },
        { key: 'rejected', final: true },
      ],
      transitions: [
        { key: 'approve', from: ['submitted'], to: 'approved', roles: [] },
        { key: 'reject', from: ['submitted'], to: 'rejected', roles: [] },
      ],
    },
  ],
}

interface Detail {
  id: string
  version: number
  state: string
  approval?: { pending: string[]; decisions: { userId: string; decision: string }[] }
}

for (const target of testDatabases()) {
  describe(`approval decisions on ${target.kind}`, () => {
    let h: ServerHarness
    let staff: Session
    const approvers: Session[] = []

    beforeAll(async () => {
      h = await openServer(target)
      const admin = await h.login(ADMIN.email, ADMIN.password)
      await h.app.inject({
        method: 'PUT',
        url: '/api/apps/spend/draft',
        headers: admin.write,
        payload: spend,
      })
      const published = await h.app.inject({
        method: 'POST',
        url: '/api/apps/spend/publish',
        headers: admin.write,
        payload: {},
      })
      expect(published.statusCode, published.body).toBe(200)
      const add = async (email: string, roles: string[]) => {
        const password = `${email} password`
        const u = await h.app.inject({
          method: 'POST',
          url: '/api/users',
          headers: admin.write,
          payload: { email, name: email, password },
        })
        await h.app.inject({
          method: 'PUT',
          url: `/api/apps/spend/members/${json<{ id: string }>(u).id}`,
          headers: admin.write,
          payload: { roles },
        })
        return h.login(email, password)
      }
      staff = await add('staff@spend.test', ['staff'])
      approvers.push(await add('a1@spend.test', ['approver']), await add('a2@spend.test', ['approver']))
    })
    afterAll(async () => {
      await h?.close()
      await target.dispose()
    })

    const detail = async (as: Session, id: string) =>
      json<Detail>(await h.app.inject({ method: 'GET', url: `/api/records/${id}`, headers: as.read }))
    const inbox = async (as: Session) =>
      json<{ items: { id: string }[] }>(
        await h.app.inject({ method: 'GET', url: '/api/inbox', headers: as.read }),
      ).items.map((i) => i.id)
    const decide = (as: Session, id: string, body: Record<string, unknown>) =>
      h.app.inject({ method: 'POST', url: `/api/records/${id}/decisions`, headers: as.write, payload: body })

    it('asks every approver, moves on when all approved, and keeps the inbox of those still asked', async () => {
      const created = await h.app.inject({
        method: 'POST',
        url: '/api/apps/spend/forms/expense/records',
        headers: staff.write,
        payload: { data: { what: 'Train', amount: '120.00' } },
      })
      expect(created.statusCode).toBe(201)
      const { id } = json<Detail>(created)
      const [a1, a2] = approvers as [Session, Session]
      expect((await detail(a1, id)).approval?.pending.sort()).toEqual([a1.userId, a2.userId].sort())
      expect(await inbox(a1)).toContain(id)
      expect(await inbox(a2)).toContain(id)

      const noVersion = await decide(a1, id, { decision: 'approve' })
      expect(noVersion.statusCode).toBe(400)
      const bad = await decide(a1, id, { decision: 'maybe', version: 1 })
      expect(bad.statusCode).toBe(400)
      const staffTries = await decide(staff, id, {
        decision: 'approve',
        version: (await detail(staff, id)).version,
      })
      expect([403, 409]).toContain(staffTries.statusCode)

      const first = await decide(a1, id, {
        decision: 'approve',
        comment: 'fine',
        version: (await detail(a1, id)).version,
      })
      expect(first.statusCode, first.body).toBe(200)
      expect(json<Detail>(first).state).toBe('submitted')
      expect(await inbox(a1)).not.toContain(id)
      expect(await inbox(a2)).toContain(id)
      const stale = await decide(a2, id, { decision: 'approve', version: 1 })
      expect(stale.statusCode).toBe(409)

      const second = await decide(a2, id, { decision: 'approve', version: (await detail(a2, id)).version })
      expect(json<Detail>(second).state).toBe('approved')
      const events = json<{ type: string; actor: string | null; actorName: string | null }[]>(
        await h.app.inject({ method: 'GET', url: `/api/records/${id}/events`, headers: a2.read }),
      )
      const decisions = events.filter((e) => e.type === 'decision')
      expect(decisions).toHaveLength(2)
      // the history names who acted, so it reads as people, not ids
      for (const e of decisions) expect(e.actorName).toEqual(expect.any(String))
      expect(new Set(decisions.map((e) => e.actorName)).size).toBe(2)
    })
  })
}
