import { createAutomationWorker, leadApp } from '@tessera/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../support/db.js'
import { ADMIN, json, openServer, publishDesk, type ServerHarness, type Session } from './server-harness.js'

const SECRET = 'route-secret-0123456789'

/** The engine's lead app as `desk`, with a webhook automation and one that cannot succeed yet. */
const definition = {
  ...leadApp('desk'),
  automations: [
    {
      key: 'inbound',
      trigger: { on: 'webhook', secret: SECRET },
      actions: [{ type: 'create', form: 'lead', map: { email: { var: 'email' } } }],
    },
    {
      key: 'auto_hand_off',
      trigger: { on: 'created', form: 'lead' },
      actions: [{ type: 'transition', transition: 'hand_off' }],
    },
  ],
}

for (const target of testDatabases()) {
  describe(`automation routes on ${target.kind}`, () => {
    let h: ServerHarness
    let admin: Session

    beforeAll(async () => {
      h = await openServer(target)
      admin = await h.login(ADMIN.email, ADMIN.password)
      await publishDesk(h, admin, definition)
    })
    afterAll(async () => {
      await h.close()
      await target.dispose()
    })

    it('takes a webhook with its secret only, then shows the runs, a dry run and a replay', async () => {
      const url = '/api/apps/desk/automations/inbound/webhook'
      const payload = { email: 'route@example.com' }
      expect((await h.app.inject({ method: 'POST', url, payload })).statusCode).toBe(401)
      const wrong = await h.app.inject({
        method: 'POST',
        url,
        payload,
        headers: { 'x-tessera-secret': 'nope' },
      })
      expect(wrong.statusCode).toBe(401)
      const ok = await h.app.inject({
        method: 'POST',
        url,
        payload,
        headers: { 'x-tessera-secret': SECRET, 'idempotency-key': 'd-1' },
      })
      expect(ok.statusCode).toBe(202)
      expect(json(ok)).toMatchObject({ accepted: true, created: true })

      const worker = createAutomationWorker({ store: h.store.runtime, engine: h.engine, maxAttempts: 1 })
      for (let i = 0; i < 4; i++) await worker.tick()

      const runs = await h.app.inject({
        method: 'GET',
        url: '/api/apps/desk/automations/runs',
        headers: admin.read,
      })
      expect(runs.statusCode).toBe(200)
      const items = json<{
        items: { id: string; automation: string; status: string; recordId: string | null }[]
      }>(runs).items
      expect(items.map((r) => [r.automation, r.status]).sort()).toEqual([
        ['auto_hand_off', 'failed'],
        ['inbound', 'succeeded'],
      ])
      const failed = items.find((r) => r.status === 'failed')
      const filtered = await h.app.inject({
        method: 'GET',
        url: '/api/apps/desk/automations/runs?status=failed',
        headers: admin.read,
      })
      expect(json<{ items: unknown[] }>(filtered).items).toHaveLength(1)

      const dry = await h.app.inject({
        method: 'POST',
        url: '/api/apps/desk/automations/auto_hand_off/test',
        headers: admin.write,
        payload: { recordId: failed?.recordId },
      })
      expect(dry.statusCode).toBe(200)
      expect(json(dry)).toMatchObject({
        condition: true,
        actions: [
          { index: 0, plan: { type: 'transition', recordId: failed?.recordId, transition: 'hand_off' } },
        ],
      })

      const replay = await h.app.inject({
        method: 'POST',
        url: `/api/automation-runs/${failed?.id}/replay`,
        headers: admin.write,
      })
      expect(replay.statusCode).toBe(200)
      expect(json(replay)).toMatchObject({ status: 'pending', attempts: 0 })
      const again = await h.app.inject({
        method: 'POST',
        url: `/api/automation-runs/${failed?.id}/replay`,
        headers: admin.write,
      })
      expect(again.statusCode).toBe(409)
    })

    it('keeps the run log to platform admins', async () => {
      const member = await h.member('ops@desk.test', ['operations'])
      const res = await h.app.inject({
        method: 'GET',
        url: '/api/apps/desk/automations/runs',
        headers: member.read,
      })
      expect(res.statusCode).toBe(403)
    })
  })
}
