import { crmTemplate } from '@tessera/templates'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../support/db.js'
import { ADMIN, type ServerHarness, type Session, json, openServer } from './server-harness.js'

interface Queue {
  app: string
  form: string
  state: string
  queue: { role?: string; department?: string }
  total: number
  items: { id: string; assignee: string | null; data: Record<string, unknown> }[]
}

for (const target of testDatabases()) {
  describe(`GET /api/inbox/queues: my team's unassigned work (${target.kind})`, () => {
    let h: ServerHarness
    let admin: Session
    const sessions = new Map<string, Session>()

    const queues = async (role: string) => {
      const res = await h.app.inject({
        method: 'GET',
        url: '/api/inbox/queues',
        headers: sessions.get(role)!.read,
      })
      expect(res.statusCode, res.body).toBe(200)
      return json<{ queues: Queue[] }>(res).queues
    }

    beforeAll(async () => {
      h = await openServer(target)
      admin = await h.login(ADMIN.email, ADMIN.password)
      await h.app.inject({
        method: 'PUT',
        url: '/api/apps/crm/draft',
        headers: admin.write,
        payload: crmTemplate,
      })
      const published = await h.app.inject({
        method: 'POST',
        url: '/api/apps/crm/publish',
        headers: admin.write,
        payload: {},
      })
      expect(published.statusCode, published.body).toBe(200)
      for (const role of ['operations', 'sales'])
        sessions.set(role, await h.member(`${role}@queues.test`, [role], { region: 'East' }, 'crm'))
    })
    afterAll(async () => {
      await h?.close()
      await target.dispose()
    })

    it('lists leads waiting in nurturing (assigned to operations as a whole) for operations, not for sales', async () => {
      const ops = sessions.get('operations')!
      expect(await queues('operations')).toEqual([])
      const ids: string[] = []
      for (const name of ['First waiting', 'Second waiting']) {
        const lead = await h.app.inject({
          method: 'POST',
          url: '/api/apps/crm/forms/lead/records',
          headers: ops.write,
          payload: { data: { name, email: `${name.split(' ')[0]?.toLowerCase()}@lead.test` } },
        })
        expect(lead.statusCode, lead.body).toBe(201)
        const { id, version } = json<{ id: string; version: number }>(lead)
        const moved = await h.app.inject({
          method: 'POST',
          url: `/api/records/${id}/transitions/nurture`,
          headers: ops.write,
          payload: { version },
        })
        expect(moved.statusCode, moved.body).toBe(200)
        ids.push(id)
      }
      const mine = await queues('operations')
      expect(mine).toHaveLength(1)
      expect(mine[0]).toMatchObject({
        app: 'crm',
        form: 'lead',
        state: 'nurturing',
        queue: { role: 'operations' },
        total: 2,
      })
      // the longest waiting first, each unassigned
      expect(mine[0]?.items.map((r) => r.id)).toEqual(ids)
      expect(mine[0]?.items.every((r) => r.assignee === null)).toBe(true)
      // sales hold no role the nurturing state is assigned to
      expect((await queues('sales')).find((q) => q.state === 'nurturing')).toBeUndefined()
    })

    it('refuses an unknown query parameter and answers 401 without a session', async () => {
      const bad = await h.app.inject({
        method: 'GET',
        url: '/api/inbox/queues?limit=0',
        headers: sessions.get('operations')!.read,
      })
      expect(bad.statusCode).toBe(400)
      expect((await h.app.inject({ method: 'GET', url: '/api/inbox/queues' })).statusCode).toBe(401)
    })
  })
}
