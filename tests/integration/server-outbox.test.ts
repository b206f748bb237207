import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { testDatabases } from '@tessera/runtime'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, type ServerHarness, type Session, json, openServer } from './server-harness.js'

interface OutboxList {
  items: { idempotencyKey: string }[]
  nextCursor: string | null
}

/**
 * A webhook given up after its retries is listed for admins with its last error and can be sent
 * again by hand: same idempotency key, fresh attempts, delivered once the receiver is back.
 */
for (const target of testDatabases()) {
  describe(`outbox replay on ${target.kind}`, () => {
    let h: ServerHarness
    let admin: Session
    let member: Session
    let receiver: Server
    let url = ''
    let up = false
    const received: string[] = []

    beforeAll(async () => {
      receiver = createServer((req, res) => {
        received.push(String(req.headers['idempotency-key']))
        req.resume()
        res.writeHead(up ? 200 : 500).end()
      })
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
      url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
      process.env.TESSERA_WEBHOOK_ALLOW_HOSTS = '127.0.0.1'
      h = await openServer(target)
      admin = await h.login(ADMIN.email, ADMIN.password)
      const created = await h.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.write,
        payload: { email: 'ops@outbox.test', name: 'Ops', password: 'ops password 1' },
      })
      expect(created.statusCode, created.body).toBe(201)
      member = await h.login('ops@outbox.test', 'ops password 1')
    })
    afterAll(async () => {
      delete process.env.TESSERA_WEBHOOK_ALLOW_HOSTS
      await h?.close()
      await target.dispose()
      await new Promise((resolve) => receiver.close(resolve))
    })

    it('lists a dead webhook for admins only, replays it once, and refuses a second replay', async () => {
      const db = h.store.runtime.db
      // one attempt left: the receiver answers 500, so this delivery gives the message up
      await sql`insert into outbox (app, kind, record_id, payload, idempotency_key, attempts, next_attempt_at, status, created_at)
        values ('outbox', 'webhook', null, ${JSON.stringify({ url, body: { hello: 'world' } })}::jsonb, 'replay-key-1', 7, now(), 'pending', now())`.execute(
        db,
      )
      await h.engine.deliverOutbox()
      // the server's own outbox loop may have claimed it first (SKIP LOCKED): wait for whichever
      // delivery ran to finish, rather than read the row mid-flight
      const status = async () =>
        (
          await db
            .selectFrom('outbox')
            .select('status')
            .where('idempotency_key', '=', 'replay-key-1')
            .executeTakeFirst()
        )?.status
      await expect.poll(status, { timeout: 10_000 }).toBe('dead')
      const [row] = await db
        .selectFrom('outbox')
        .selectAll()
        .where('idempotency_key', '=', 'replay-key-1')
        .execute()
      expect(received).toEqual(['replay-key-1'])

      const forbidden = await h.app.inject({ method: 'GET', url: '/api/outbox', headers: member.read })
      expect(forbidden.statusCode).toBe(403)
      const refused = await h.app.inject({
        method: 'POST',
        url: `/api/outbox/${row!.id}/replay`,
        headers: member.write,
      })
      expect(refused.statusCode).toBe(403)

      const failed = await h.app.inject({ method: 'GET', url: '/api/outbox', headers: admin.read })
      expect(failed.statusCode, failed.body).toBe(200)
      const listed = json<{ items: { id: string; status: string; attempts: number; lastError: string }[] }>(
        failed,
      )
      expect(listed.items.map((m) => m.id)).toEqual([row!.id])
      expect(listed.items[0]).toMatchObject({ status: 'dead', attempts: 8 })
      expect(listed.items[0]?.lastError).toMatch(/500/)

      up = true
      const replayed = await h.app.inject({
        method: 'POST',
        url: `/api/outbox/${row!.id}/replay`,
        headers: admin.write,
      })
      expect(replayed.statusCode, replayed.body).toBe(200)
      expect(json(replayed)).toMatchObject({ id: row!.id, status: 'pending', attempts: 0 })
      expect(await h.engine.deliverOutbox()).toBe(1)
      expect(received).toEqual(['replay-key-1', 'replay-key-1'])
      const after = await db
        .selectFrom('outbox')
        .selectAll()
        .where('id', '=', row!.id)
        .executeTakeFirstOrThrow()
      expect(after).toMatchObject({ status: 'delivered', attempts: 1, last_error: null })

      const again = await h.app.inject({
        method: 'POST',
        url: `/api/outbox/${row!.id}/replay`,
        headers: admin.write,
      })
      expect(again.statusCode, again.body).toBe(409)
      const missing = await h.app.inject({
        method: 'POST',
        url: '/api/outbox/00000000-0000-4000-8000-000000000000/replay',
        headers: admin.write,
      })
      expect(missing.statusCode).toBe(404)
      const none = await h.app.inject({ method: 'GET', url: '/api/outbox?status=dead', headers: admin.read })
      expect(json<{ items: unknown[] }>(none).items).toEqual([])
      const delivered = await h.app.inject({
        method: 'GET',
        url: '/api/outbox?status=delivered',
        headers: admin.read,
      })
      expect(json<{ items: { id: string }[] }>(delivered).items.map((m) => m.id)).toContain(row!.id)
      const audit = await db
        .selectFrom('audit')
        .select(['actor', 'target'])
        .where('action', '=', 'outbox.replay')
        .execute()
      expect(audit).toEqual([{ actor: admin.userId, target: row!.id }])
    })

    it('pages the failed messages newest first by cursor', async () => {
      const db = h.store.runtime.db
      for (let i = 0; i < 5; i++)
        await sql`insert into outbox (app, kind, record_id, payload, idempotency_key, attempts, next_attempt_at, status, created_at, last_error)
          values ('outbox', 'webhook', null, '{}'::jsonb, ${`page-${i}`}, 8, now(), 'dead', now() + ${`${i} seconds`}::interval, 'HTTP 500')`.execute(
          db,
        )
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const url: string = `/api/outbox?limit=2${cursor ? `&cursor=${cursor}` : ''}`
        const page = await h.app.inject({ method: 'GET', url, headers: admin.read })
        const body: OutboxList = json<OutboxList>(page)
        seen.push(...body.items.map((m) => m.idempotencyKey))
        cursor = body.nextCursor
      } while (cursor)
      expect(seen).toEqual(['page-4', 'page-3', 'page-2', 'page-1', 'page-0'])
      const bad = await h.app.inject({ method: 'GET', url: '/api/outbox?cursor=nope', headers: admin.read })
      expect(bad.statusCode).toBe(400)
    })
  })
}
