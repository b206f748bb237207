import { createHmac } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Store, type TesseraEngine, manualClock, testDatabases } from '@tessera/runtime'
import type { AppDefinition } from '@tessera/schemas'
import {
  type ServerStore,
  bootstrapAdmin,
  buildApp,
  createServerEngine,
  createServerStore,
} from '@tessera/server'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js'

const ADMIN = { email: 'admin@notify.test', password: 'admin password 1' }
const fastPasswords = { memoryCost: 1024, timeCost: 1 }

interface Hit {
  path: string
  query: URLSearchParams
  body: Record<string, unknown>
  key: string
}

/** A chat-robot receiver on 127.0.0.1: answers each kind's success body unless told to fail. */
async function startRobots() {
  const hits: Hit[] = []
  let failNext = 0
  let refuseNext = 0
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x')
      hits.push({
        path: url.pathname,
        query: url.searchParams,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
        key: String(req.headers['idempotency-key']),
      })
      if (failNext > 0) {
        failNext--
        return res.writeHead(503).end('down')
      }
      const kind = url.pathname.slice(1)
      if (refuseNext > 0) {
        refuseNext--
        return res.writeHead(200).end(JSON.stringify({ errcode: 310000, errmsg: 'sign not match' }))
      }
      if (kind === 'slack') return res.writeHead(200).end('ok')
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(kind === 'feishu' ? { code: 0, msg: 'success' } : { errcode: 0, errmsg: 'ok' }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    hits,
    failNext: (n: number) => {
      failNext = n
    },
    refuseNext: (n: number) => {
      refuseNext = n
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const summaryLines = { en: ['New leads: 3 (web 2, event 1)'], 'zh-CN': ['新线索: 3 (web 2, event 1)'] }

function deskApp(robotBase: string): AppDefinition {
  const notify = (key: string, extra: Record<string, unknown>) => ({
    key,
    from: ['open'],
    to: 'open',
    roles: ['ops'],
    actions: [
      {
        type: 'notify',
        to: { role: 'ops' },
        message: { en: `Ticket ${key}`, 'zh-CN': `工单 ${key}` },
        ...extra,
      },
    ],
  })
  return {
    key: 'desk',
    name: 'Desk',
    roles: [{ key: 'ops' }, { key: 'viewer' }],
    forms: [{ key: 'ticket', title: 'Ticket', fields: [{ key: 'title', type: 'text' }] }],
    robots: [
      { key: 'ding', kind: 'dingtalk', url: `${robotBase}/dingtalk?access_token=tok`, secret: 'SECding' },
      { key: 'wx', kind: 'wecom', url: `${robotBase}/wecom?key=k1` },
      { key: 'fs', kind: 'feishu', url: `${robotBase}/feishu`, secret: 'fs-secret' },
      { key: 'sl', kind: 'slack', url: `${robotBase}/slack` },
    ],
    workflows: [
      {
        key: 'flow',
        form: 'ticket',
        initial: 'open',
        states: [{ key: 'open' }, { key: 'done', final: true }],
        transitions: [
          notify('ping', {}),
          notify('mail', { channel: 'email' }),
          notify('to_ding', { channel: 'robot', robot: 'ding' }),
          notify('to_wx', { channel: 'robot', robot: 'wx' }),
          notify('to_fs', { channel: 'robot', robot: 'fs' }),
          // a robot posts to its group: it needs no recipients
          notify('to_sl', { channel: 'robot', robot: 'sl', to: undefined }),
          { key: 'close', from: ['open'], to: 'done', roles: ['ops'] },
          {
            key: 'hook',
            from: ['open'],
            to: 'open',
            roles: ['ops'],
            actions: [{ type: 'webhook', url: `${robotBase}/hook?token=web-token` }],
          },
        ],
      },
    ],
    automations: [
      {
        key: 'inbound',
        trigger: { on: 'webhook', secret: 'inbound-shared-secret' },
        actions: [{ type: 'create', form: 'ticket', map: { title: { var: 'title' } } }],
      },
    ],
  } as AppDefinition
}

for (const target of testDatabases()) {
  describe(`notifications through the outbox on ${target.kind}`, () => {
    let runtime: Store
    let store: ServerStore
    let engine: TesseraEngine
    let app: Awaited<ReturnType<typeof buildApp>>
    let sink: SmtpSink
    let robots: Awaited<ReturnType<typeof startRobots>>
    const clock = manualClock('2026-03-02T09:00:00.000Z')
    const sessions: Record<
      string,
      { read: Record<string, string>; write: Record<string, string>; id: string }
    > = {}
    const email: Record<string, string> = {}
    const adminActor = { userId: null, isAdmin: true, via: 'test' }

    const login = async (mail: string, password: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: mail, password },
      })
      expect(res.statusCode, res.body).toBe(200)
      const cookie = `tessera_session=${res.cookies.find((c) => c.name === 'tessera_session')?.value}`
      const body = res.json() as { csrfToken: string; user: { id: string } }
      return { read: { cookie }, write: { cookie, 'x-csrf-token': body.csrfToken }, id: body.user.id }
    }

    beforeAll(async () => {
      sink = await startSmtpSink()
      robots = await startRobots()
      runtime = await target.open()
      store = await createServerStore(runtime, target.url ? { databaseUrl: target.url } : {})
      await bootstrapAdmin(store, ADMIN, fastPasswords)
      engine = createServerEngine(runtime, store, {
        deliverAfterCommit: false,
        clock,
        smtp: { url: sink.url, from: 'Tessera <tessera@notify.test>' },
        webhookAllowHosts: ['127.0.0.1'],
        publicUrl: 'https://tessera.example.com',
      })
      app = await buildApp({
        engine,
        store,
        options: {
          background: false,
          passwordCost: fastPasswords,
          filesDir: join(tmpdir(), 'tessera-it-files'),
        },
      })
      await app.ready()
      await engine.publish('desk', deskApp(robots.base), adminActor)
      const admin = await login(ADMIN.email, ADMIN.password)
      for (const [name, role] of [
        ['ana', 'ops'],
        ['bo', 'ops'],
        ['cy', 'viewer'],
      ] as const) {
        email[name] = `${name}@notify.test`
        const created = await app.inject({
          method: 'POST',
          url: '/api/users',
          headers: admin.write,
          payload: { email: email[name], name, password: `${name} password 1` },
        })
        expect(created.statusCode, created.body).toBe(201)
        const id = (created.json() as { id: string }).id
        const set = await app.inject({
          method: 'PUT',
          url: `/api/apps/desk/members/${id}`,
          headers: admin.write,
          payload: { roles: [role], attributes: {} },
        })
        expect(set.statusCode, set.body).toBe(200)
        sessions[name] = await login(email[name], `${name} password 1`)
      }
    })
    afterAll(async () => {
      await app?.close()
      await store?.close()
      await target.dispose()
      await sink?.close()
      await robots?.close()
    })

    /** A fresh ticket moved through one notifying transition; answers its id and the message's key. */
    const fire = async (transition: string) => {
      const rec = await engine.submit('desk', 'ticket', { title: 'Printer on fire' }, adminActor)
      await engine.transition(rec.id, transition, {}, adminActor, rec.version)
      const [row] = await runtime.db
        .selectFrom('outbox')
        .selectAll()
        .where('record_id', '=', rec.id)
        .where('kind', '=', 'notify')
        .execute()
      expect(row?.payload).toMatchObject({ channel: transition === 'ping' ? 'inapp' : expect.any(String) })
      return { recordId: rec.id, outbox: row! }
    }
    const outboxRow = (id: string) =>
      runtime.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    /** Puts a delivered message back in the queue, as a worker that crashed before marking it would. */
    const redeliver = async (id: string) => {
      await sql`update outbox set status = 'pending', next_attempt_at = ${clock.now()} where id = ${id}`.execute(
        runtime.db,
      )
      await engine.deliverOutbox()
    }
    const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: sessions[who]!.read })
    const post = (who: string, url: string) =>
      app.inject({ method: 'POST', url, headers: sessions[who]!.write })

    it('in-app: one row per recipient, listed newest first, counted, marked read; nobody else sees it', async () => {
      const first = await fire('ping')
      clock.advance(1000)
      const second = await fire('ping')
      expect(await engine.deliverOutbox()).toBe(2)
      await redeliver(first.outbox.id)
      expect((await outboxRow(first.outbox.id)).status).toBe('delivered')

      const rows = await runtime.db
        .selectFrom('notification')
        .selectAll()
        .where('channel', '=', 'inapp')
        .execute()
      // ana and bo (ops) once per message, even after the redelivery; cy (viewer) never
      expect(rows.map((r) => r.user_id).sort()).toEqual(
        [sessions.ana!.id, sessions.ana!.id, sessions.bo!.id, sessions.bo!.id].sort(),
      )

      const list = await get('ana', '/api/notifications')
      expect(list.statusCode, list.body).toBe(200)
      const page = list.json() as {
        items: { id: string; recordId: string; message: unknown; readAt: string | null }[]
        unread: number
        nextCursor: string | null
      }
      expect(page.unread).toBe(2)
      expect(page.items.map((i) => i.recordId)).toEqual([second.recordId, first.recordId])
      expect(page.items[0]?.message).toEqual({ en: 'Ticket ping', 'zh-CN': '工单 ping' })
      expect((await get('ana', '/api/notifications/unread-count')).json()).toEqual({ count: 2 })

      const paged = (await get('ana', '/api/notifications?limit=1')).json() as typeof page
      expect(paged.items.map((i) => i.recordId)).toEqual([second.recordId])
      const next = (
        await get('ana', `/api/notifications?limit=1&cursor=${paged.nextCursor}`)
      ).json() as typeof page
      expect(next.items.map((i) => i.recordId)).toEqual([first.recordId])
      expect(next.nextCursor).toBeNull()
      expect((await get('ana', '/api/notifications?cursor=garbage')).statusCode).toBe(400)

      expect((await get('cy', '/api/notifications')).json()).toMatchObject({ items: [], unread: 0 })
      const theirs = page.items[0]!.id
      expect((await post('cy', `/api/notifications/${theirs}/read`)).statusCode).toBe(404)
      expect((await post('bo', `/api/notifications/${theirs}/read`)).statusCode).toBe(404)
      expect((await post('ana', '/api/notifications/not-a-uuid/read')).statusCode).toBe(404)

      const read = await post('ana', `/api/notifications/${theirs}/read`)
      expect(read.statusCode, read.body).toBe(200)
      const readAt = (read.json() as { readAt: string | null }).readAt
      expect(readAt).toEqual(expect.any(String))
      // marking it again keeps the first reading
      expect((await post('ana', `/api/notifications/${theirs}/read`)).json()).toMatchObject({ readAt })
      expect((await get('ana', '/api/notifications/unread-count')).json()).toEqual({ count: 1 })
      expect((await get('bo', '/api/notifications/unread-count')).json()).toEqual({ count: 2 })
      expect((await post('ana', '/api/notifications/read-all')).json()).toEqual({ updated: 1 })
      expect((await get('ana', '/api/notifications/unread-count')).json()).toEqual({ count: 0 })
    })

    it("members see an app's robots, webhooks and webhook triggers without their URLs and secrets; admins see all", async () => {
      const seen = (await get('ana', '/api/apps/desk')).json() as { definition: AppDefinition }
      const text = JSON.stringify(seen.definition)
      for (const secret of ['access_token=tok', 'SECding', 'fs-secret', 'web-token', 'inbound-shared-secret'])
        expect(text).not.toContain(secret)
      expect(seen.definition.automations?.[0]?.trigger).toEqual({ on: 'webhook', secret: '' })
      const hook = seen.definition.workflows?.[0]?.transitions.find((t) => t.key === 'hook')
      expect(hook?.actions).toEqual([{ type: 'webhook', url: '' }])
      const version = (await get('ana', '/api/apps/desk/versions/1')).json() as { definition: AppDefinition }
      expect(JSON.stringify(version.definition)).not.toContain('inbound-shared-secret')
      expect(seen.definition.robots?.map((r) => [r.key, r.kind, r.url, r.secret])).toEqual([
        ['ding', 'dingtalk', '', undefined],
        ['wx', 'wecom', '', undefined],
        ['fs', 'feishu', '', undefined],
        ['sl', 'slack', '', undefined],
      ])
      const admin = await login(ADMIN.email, ADMIN.password)
      const full = await app.inject({ method: 'GET', url: '/api/apps/desk', headers: admin.read })
      const fullDefinition = (full.json() as { definition: AppDefinition }).definition
      expect(fullDefinition.robots?.[0]).toMatchObject({
        url: `${robots.base}/dingtalk?access_token=tok`,
        secret: 'SECding',
      })
      expect(fullDefinition.automations?.[0]?.trigger).toEqual({
        on: 'webhook',
        secret: 'inbound-shared-secret',
      })
    })

    it('the routes are in the OpenAPI document', async () => {
      const doc = (await get('ana', '/api/openapi.json')).json() as { paths: Record<string, unknown> }
      for (const path of [
        '/api/notifications',
        '/api/notifications/unread-count',
        '/api/notifications/{id}/read',
        '/api/notifications/read-all',
      ])
        expect(Object.keys(doc.paths)).toContain(path)
    })

    it('e-mail: one real mail per recipient through SMTP, none again on a retry, and a refused one retried', async () => {
      const before = sink.mails.length
      const { recordId, outbox } = await fire('mail')
      await engine.deliverOutbox()
      const mails = (await sink.waitFor(before + 2)).slice(before)
      expect(mails.map((m) => m.to[0]).sort()).toEqual([email.ana, email.bo])
      for (const m of mails) {
        expect(m.from).toBe('tessera@notify.test')
        expect(m.subject).toBe('Ticket mail / 工单 mail')
        expect(m.text).toContain('Ticket mail')
        expect(m.text).toContain('工单 mail')
        expect(m.text).toContain(`https://tessera.example.com/records/${recordId}`)
        expect(m.headers.get('x-tessera-idempotency-key')).toBe(outbox.idempotency_key)
      }
      await redeliver(outbox.id)
      expect(sink.mails.length).toBe(before + 2)

      // the SMTP server refuses the first message: ana's or bo's mail fails, the other goes; the retry mails only the rest
      sink.refuseNext(1)
      const again = await fire('mail')
      await engine.deliverOutbox()
      const failed = await outboxRow(again.outbox.id)
      expect(failed.status).toBe('pending')
      expect(failed.last_error).toMatch(/e-mail not sent to .*@notify\.test/)
      expect(sink.mails.length).toBe(before + 3)
      clock.advance(3000)
      await engine.deliverOutbox()
      expect((await outboxRow(again.outbox.id)).status).toBe('delivered')
      const forAgain = sink.mails
        .slice(before + 2)
        .map((m) => m.to[0])
        .sort()
      expect(forAgain).toEqual([email.ana, email.bo])
    })

    it('e-mail without SMTP configured is a clear delivery error in the outbox, not a silent drop', async () => {
      const bare = createServerEngine(runtime, store, { deliverAfterCommit: false, clock, smtp: null })
      const rec = await bare.submit('desk', 'ticket', { title: 'x' }, adminActor)
      await bare.transition(rec.id, 'mail', {}, adminActor, rec.version)
      await bare.deliverOutbox()
      const [row] = await runtime.db
        .selectFrom('outbox')
        .selectAll()
        .where('record_id', '=', rec.id)
        .execute()
      expect(row?.status).toBe('pending')
      expect(row?.attempts).toBe(1)
      expect(row?.last_error).toContain('TESSERA_SMTP_URL')
      // the configured engine delivers it on the next attempt
      clock.advance(3000)
      const before = sink.mails.length
      await engine.deliverOutbox()
      await sink.waitFor(before + 2)
    })

    it('robots: each kind gets its own message format, DingTalk and Feishu signed as documented', async () => {
      robots.hits.length = 0
      for (const t of ['to_ding', 'to_wx', 'to_fs', 'to_sl']) await fire(t)
      expect(await engine.deliverOutbox()).toBe(4)
      const by = (path: string) => robots.hits.find((h) => h.path === path)!

      const ding = by('/dingtalk')
      expect(ding.query.get('access_token')).toBe('tok')
      const ts = ding.query.get('timestamp')!
      expect(Number(ts)).toBe(clock.now().getTime())
      const expected = createHmac('sha256', 'SECding').update(`${ts}\nSECding`).digest('base64')
      expect(ding.query.get('sign')).toBe(expected)
      expect(ding.body).toEqual({
        msgtype: 'text',
        text: { content: expect.stringContaining('Ticket to_ding\n\n工单 to_ding') },
      })

      expect(by('/wecom').body).toEqual({
        msgtype: 'markdown',
        markdown: { content: expect.stringMatching(/^\*\*Ticket to_wx\*\*\n\n\*\*工单 to_wx\*\*/) },
      })

      const fs = by('/feishu').body
      const fsTs = Number(fs.timestamp)
      expect(fsTs).toBe(Math.floor(clock.now().getTime() / 1000))
      expect(fs.sign).toBe(createHmac('sha256', `${fsTs}\nfs-secret`).update('').digest('base64'))
      expect(fs).toMatchObject({
        msg_type: 'text',
        content: { text: expect.stringContaining('Ticket to_fs') },
      })

      const sl = by('/slack').body
      expect(sl.text).toContain('Ticket to_sl')
      expect(sl.blocks).toEqual([
        { type: 'header', text: { type: 'plain_text', text: 'Ticket to_sl / 工单 to_sl' } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: expect.stringContaining('<https://tessera.example.com/records/') },
        },
      ])
    })

    it('robots: a summary goes as DingTalk markdown and a Feishu post', async () => {
      robots.hits.length = 0
      for (const [robot, kind] of [
        ['ding', 'dingtalk'],
        ['fs', 'feishu'],
      ]) {
        await runtime.db
          .insertInto('outbox')
          .values({
            kind: 'notify',
            app: 'desk',
            record_id: null,
            payload: JSON.stringify({
              app: 'desk',
              channel: 'robot',
              robot,
              to: [],
              message: { en: 'Weekly review', 'zh-CN': '每周回顾' },
              lines: summaryLines,
            }),
            idempotency_key: `summary-${kind}`,
            next_attempt_at: clock.now(),
            status: 'pending',
            created_at: clock.now(),
          })
          .execute()
      }
      await engine.deliverOutbox()
      const ding = robots.hits.find((h) => h.path === '/dingtalk')!.body
      expect(ding).toEqual({
        msgtype: 'markdown',
        markdown: {
          title: 'Weekly review / 每周回顾',
          text: '### Weekly review\n- New leads: 3 (web 2, event 1)\n\n### 每周回顾\n- 新线索: 3 (web 2, event 1)',
        },
      })
      const fs = robots.hits.find((h) => h.path === '/feishu')!.body
      expect(fs.msg_type).toBe('post')
      expect(fs.content).toEqual({
        post: {
          en_us: {
            title: 'Weekly review',
            content: [[{ tag: 'text', text: 'New leads: 3 (web 2, event 1)' }]],
          },
          zh_cn: { title: '每周回顾', content: [[{ tag: 'text', text: '新线索: 3 (web 2, event 1)' }]] },
        },
      })
    })

    it('robots: a failing receiver is retried with backoff; a refusal in a 200 body counts as a failure', async () => {
      robots.hits.length = 0
      robots.failNext(1)
      const { outbox } = await fire('to_wx')
      await engine.deliverOutbox()
      let row = await outboxRow(outbox.id)
      expect(row.status).toBe('pending')
      expect(row.last_error).toContain('answered 503')
      // not due yet: the backoff holds it
      expect(await engine.deliverOutbox()).toBe(0)
      clock.advance(2500)
      expect(await engine.deliverOutbox()).toBe(1)
      row = await outboxRow(outbox.id)
      expect(row.status).toBe('delivered')
      expect(robots.hits.map((h) => h.key)).toEqual([outbox.idempotency_key, outbox.idempotency_key])

      robots.refuseNext(1)
      const refused = await fire('to_ding')
      await engine.deliverOutbox()
      expect((await outboxRow(refused.outbox.id)).last_error).toBe(
        'dingtalk robot refused the message: 310000 sign not match',
      )
    })

    it('robots: a dead message is replayed by an admin and then delivered, with the same key', async () => {
      robots.hits.length = 0
      const { outbox } = await fire('to_sl')
      // its last attempt: the receiver is down, so the message is given up
      await sql`update outbox set attempts = 7 where id = ${outbox.id}`.execute(runtime.db)
      robots.failNext(1)
      await engine.deliverOutbox()
      expect((await outboxRow(outbox.id)).status).toBe('dead')
      const admin = await login(ADMIN.email, ADMIN.password)
      const dead = await app.inject({ method: 'GET', url: '/api/outbox', headers: admin.read })
      expect((dead.json() as { items: { id: string }[] }).items.map((i) => i.id)).toContain(outbox.id)
      const replay = await app.inject({
        method: 'POST',
        url: `/api/outbox/${outbox.id}/replay`,
        headers: admin.write,
      })
      expect(replay.statusCode, replay.body).toBe(200)
      await engine.deliverOutbox()
      expect((await outboxRow(outbox.id)).status).toBe('delivered')
      expect(robots.hits.map((h) => h.key)).toEqual([outbox.idempotency_key, outbox.idempotency_key])
    })

    it('an in-app message replayed after delivery adds no second row', async () => {
      const { outbox } = await fire('ping')
      await engine.deliverOutbox()
      await sql`update outbox set status = 'dead' where id = ${outbox.id}`.execute(runtime.db)
      const admin = await login(ADMIN.email, ADMIN.password)
      const replay = await app.inject({
        method: 'POST',
        url: `/api/outbox/${outbox.id}/replay`,
        headers: admin.write,
      })
      expect(replay.statusCode, replay.body).toBe(200)
      await engine.deliverOutbox()
      const rows = await runtime.db
        .selectFrom('notification')
        .select('user_id')
        .where('outbox_key', '=', outbox.idempotency_key)
        .execute()
      expect(rows).toHaveLength(2)
    })
  })
}
