import { testDatabases } from '@tessera/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, type ServerHarness, type Session, json, openServer, publishDesk } from './server-harness.js'

interface Rec {
  id: string
  version: number
  state: string
  data: Record<string, unknown>
}

for (const target of testDatabases()) {
  describe(`records API on ${target.kind}`, () => {
    let h: ServerHarness
    let admin: Session
    let agent: Session
    let other: Session
    let manager: Session

    beforeAll(async () => {
      h = await openServer(target)
      admin = await h.login(ADMIN.email, ADMIN.password)
      await publishDesk(h, admin)
      agent = await h.member('agent@desk.test', ['agent'])
      other = await h.member('other@desk.test', ['agent'])
      manager = await h.member('manager@desk.test', ['manager'])
    })
    afterAll(async () => {
      await h?.close()
      await target.dispose()
    })

    const submit = (as: Session, data: Record<string, unknown>) =>
      h.app.inject({
        method: 'POST',
        url: '/api/apps/desk/forms/ticket/records',
        headers: as.write,
        payload: { data },
      })

    it('publishes, refuses an invalid definition with its findings, and serves versions', async () => {
      const bad = await h.app.inject({
        method: 'PUT',
        url: '/api/apps/broken/draft',
        headers: admin.write,
        payload: {
          key: 'broken',
          name: 'B',
          roles: [],
          forms: [{ key: 'f', title: 'F', fields: [{ key: 'x', type: 'nope' }] }],
        },
      })
      expect(bad.statusCode).toBe(200)
      expect(json<{ verify: { ok: boolean } }>(bad).verify.ok).toBe(false)
      const publish = await h.app.inject({
        method: 'POST',
        url: '/api/apps/broken/publish',
        headers: admin.write,
        payload: {},
      })
      expect(publish.statusCode).toBe(422)
      expect(json<{ code: string; errors: { path: string }[] }>(publish).errors.length).toBeGreaterThan(0)
      const stored = await h.app.inject({
        method: 'POST',
        url: '/api/apps/desk/verify',
        headers: admin.write,
      })
      expect(json<{ ok: boolean }>(stored).ok).toBe(true)
      const versions = await h.app.inject({
        method: 'GET',
        url: '/api/apps/desk/versions',
        headers: agent.read,
      })
      expect(json<{ version: number }[]>(versions)[0]?.version).toBe(1)
      // the history names who published, not only their id
      expect(json<{ publishedByName: string | null }[]>(versions)[0]?.publishedByName).toBe('Admin')
      const def = await h.app.inject({ method: 'GET', url: '/api/apps/desk', headers: agent.read })
      expect(json<{ version: number }>(def).version).toBe(1)
      const v1 = await h.app.inject({ method: 'GET', url: '/api/apps/desk/versions/1', headers: agent.read })
      expect(json<{ version: number; definition: { key: string } }>(v1)).toMatchObject({
        version: 1,
        definition: { key: 'desk' },
      })
      const missing = await h.app.inject({
        method: 'GET',
        url: '/api/apps/desk/versions/9',
        headers: agent.read,
      })
      expect(missing.statusCode).toBe(404)
      const members = await h.app.inject({
        method: 'PUT',
        url: `/api/apps/desk/members/${agent.userId}`,
        headers: agent.write,
        payload: { roles: ['manager'] },
      })
      expect(members.statusCode).toBe(403)
    })

    it('serves the compiled JSON Schema of a form', async () => {
      const res = await h.app.inject({
        method: 'GET',
        url: '/api/apps/desk/forms/ticket/schema',
        headers: agent.read,
      })
      expect(res.statusCode).toBe(200)
      expect(json<{ properties: Record<string, unknown> }>(res).properties).toHaveProperty('title')
    })

    it('submits (201), validates (422 with pointers), rejects unknown fields by name', async () => {
      const ok = await submit(agent, { title: 'Printer on fire', priority: 'high', amount: '12345678901.23' })
      expect(ok.statusCode).toBe(201)
      const rec = json<Rec>(ok)
      expect(rec.state).toBe('new')
      expect(rec.data.amount).toBe('12345678901.23')
      const missing = await submit(agent, { priority: 'nope' })
      expect(missing.statusCode).toBe(422)
      const paths = json<{ errors: { path: string }[] }>(missing).errors.map((e) => e.path)
      expect(paths).toEqual(expect.arrayContaining(['/title', '/priority']))
      const unknown = await submit(agent, { title: 'x', is_admin: true })
      expect(unknown.statusCode).toBe(422)
      expect(JSON.stringify(unknown.json())).toContain('is_admin')
      const envelope = await h.app.inject({
        method: 'POST',
        url: '/api/apps/desk/forms/ticket/records',
        headers: agent.write,
        payload: { title: 'no envelope' },
      })
      expect(envelope.statusCode).toBe(400)
    })

    it('stores HTML and script as text, unchanged', async () => {
      const title = '<script>alert(1)</script><img src=x onerror=alert(2)>'
      const res = await submit(agent, { title })
      expect(res.statusCode).toBe(201)
      const back = await h.app.inject({
        method: 'GET',
        url: `/api/records/${json<Rec>(res).id}`,
        headers: agent.read,
      })
      expect(json<Rec>(back).data.title).toBe(title)
      expect(back.headers['content-type']).toContain('application/json')
    })

    it('needs the version on PATCH (400), refuses a stale one (409), accepts If-Match', async () => {
      const rec = json<Rec>(await submit(agent, { title: 'Edit me' }))
      const url = `/api/records/${rec.id}`
      const noVersion = await h.app.inject({
        method: 'PATCH',
        url,
        headers: agent.write,
        payload: { data: { title: 'A' } },
      })
      expect(noVersion.statusCode).toBe(400)
      expect(json<{ errors: { path: string }[] }>(noVersion).errors[0]?.path).toBe('/version')
      const first = await h.app.inject({
        method: 'PATCH',
        url,
        headers: agent.write,
        payload: { data: { title: 'A' }, version: rec.version },
      })
      expect(first.statusCode).toBe(200)
      const stale = await h.app.inject({
        method: 'PATCH',
        url,
        headers: agent.write,
        payload: { data: { title: 'B' }, version: rec.version },
      })
      expect(stale.statusCode).toBe(409)
      expect(json<{ code: string }>(stale).code).toBe('VERSION_CONFLICT')
      const ifMatch = await h.app.inject({
        method: 'PATCH',
        url,
        headers: { ...agent.write, 'if-match': `"${json<Rec>(first).version}"` },
        payload: { data: { title: 'C' } },
      })
      expect(ifMatch.statusCode).toBe(200)
      expect(json<Rec>(ifMatch).data.title).toBe('C')
    })

    it('runs transitions: 422 guard, 403 role, 409 not open, 200 with the event written', async () => {
      const rec = json<Rec>(await submit(agent, { title: 'Flow' }))
      const fire = (as: Session, t: string, body: Record<string, unknown>) =>
        h.app.inject({
          method: 'POST',
          url: `/api/records/${rec.id}/transitions/${t}`,
          headers: as.write,
          payload: body,
        })
      const guard = await fire(agent, 'send', { data: { score: 5 }, version: rec.version })
      expect(guard.statusCode).toBe(422)
      const role = await fire(manager, 'send', { data: { score: 50 }, version: rec.version })
      expect(role.statusCode).toBe(403)
      const notOpen = await fire(manager, 'close', { version: rec.version })
      expect(notOpen.statusCode).toBe(409)
      const noVersion = await fire(agent, 'send', { data: { score: 50 } })
      expect(noVersion.statusCode).toBe(400)
      const ok = await fire(agent, 'send', { data: { score: 50 }, version: rec.version })
      expect(ok.statusCode).toBe(200)
      expect(json<Rec>(ok).state).toBe('review')
      const events = await h.app.inject({
        method: 'GET',
        url: `/api/records/${rec.id}/events`,
        headers: agent.read,
      })
      expect(json<{ type: string }[]>(events).map((e) => e.type)).toEqual(['created', 'transition'])
      const detail = await h.app.inject({
        method: 'GET',
        url: `/api/records/${rec.id}`,
        headers: manager.read,
      })
      expect(json<{ transitions: { key: string }[] }>(detail).transitions.map((t) => t.key)).toContain(
        'close',
      )

      // review assigns a manager (round robin) with a 24h SLA: in the manager's inbox with its due time, not the agent's
      const inbox = json<{ items: { id: string; dueAt?: string | null }[] }>(
        await h.app.inject({ method: 'GET', url: '/api/inbox', headers: manager.read }),
      )
      expect(inbox.items.find((i) => i.id === rec.id)?.dueAt).toBeTruthy()
      const agentInbox = json<{ items: { id: string }[] }>(
        await h.app.inject({ method: 'GET', url: '/api/inbox', headers: agent.read }),
      )
      expect(agentInbox.items.map((i) => i.id)).not.toContain(rec.id)
      // no body at all: the version travels in If-Match
      const closed = await h.app.inject({
        method: 'POST',
        url: `/api/records/${rec.id}/transitions/close`,
        headers: { ...manager.write, 'if-match': `"${json<Rec>(detail).version}"` },
      })
      expect(json<Rec>(closed).state).toBe('done')
      // done is final: nothing is left for the manager, so it leaves the inbox
      const after = json<{ items: { id: string }[] }>(
        await h.app.inject({ method: 'GET', url: '/api/inbox', headers: manager.read }),
      )
      expect(after.items.map((i) => i.id)).not.toContain(rec.id)
    })

    it('lists with filter, sort, cursor and total; a bad filter is a clean 400', async () => {
      for (const p of ['low', 'low', 'high'])
        await submit(other, { title: `list ${p}`, priority: p, score: p === 'high' ? 90 : 20 })
      const filter = encodeURIComponent(
        JSON.stringify({ priority: { eq: 'low' }, title: { starts: 'list' } }),
      )
      const page1 = await h.app.inject({
        method: 'GET',
        url: `/api/apps/desk/forms/ticket/records?filter=${filter}&sort=-score,title&limit=1`,
        headers: other.read,
      })
      expect(page1.statusCode).toBe(200)
      const body = json<{ items: Rec[]; total: number; nextCursor: string | null }>(page1)
      expect(body.total).toBe(2)
      expect(body.items).toHaveLength(1)
      const page2 = await h.app.inject({
        method: 'GET',
        url: `/api/apps/desk/forms/ticket/records?filter=${filter}&sort=-score,title&limit=1&cursor=${encodeURIComponent(body.nextCursor!)}`,
        headers: other.read,
      })
      const second = json<{ items: Rec[] }>(page2).items
      expect(second).toHaveLength(1)
      expect(second[0]?.id).not.toBe(body.items[0]?.id)
      for (const bad of ['not json', '[1,2]', '{"a":', `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`]) {
        const res = await h.app.inject({
          method: 'GET',
          url: `/api/apps/desk/forms/ticket/records?filter=${encodeURIComponent(bad)}`,
          headers: other.read,
        })
        expect(res.statusCode, bad).toBe(400)
      }
      const badLimit = await h.app.inject({
        method: 'GET',
        url: '/api/apps/desk/forms/ticket/records?limit=100000',
        headers: other.read,
      })
      expect(badLimit.statusCode).toBe(400)
    })

    it('treats SQL metacharacters and pointer tricks in filter keys and values as data', async () => {
      const title = "Robert'); DROP TABLE record;--"
      await submit(other, { title })
      for (const key of [
        "title'; drop table record;--",
        'title/../owner',
        '~1title',
        'data->>title',
        '"title"',
      ]) {
        const filter = encodeURIComponent(JSON.stringify({ [key]: { eq: 'x' } }))
        const res = await h.app.inject({
          method: 'GET',
          url: `/api/apps/desk/forms/ticket/records?filter=${filter}`,
          headers: other.read,
        })
        expect([400, 422], key).toContain(res.statusCode)
        expect(res.body).not.toMatch(/syntax error|select |from record/i)
      }
      const filter = encodeURIComponent(JSON.stringify({ title: { eq: title } }))
      const found = await h.app.inject({
        method: 'GET',
        url: `/api/apps/desk/forms/ticket/records?filter=${filter}`,
        headers: other.read,
      })
      expect(json<{ total: number }>(found).total).toBe(1)
      const sortAttack = await h.app.inject({
        method: 'GET',
        url: `/api/apps/desk/forms/ticket/records?sort=${encodeURIComponent('title;drop table record')}`,
        headers: other.read,
      })
      expect([400, 422]).toContain(sortAttack.statusCode)
      const still = await h.app.inject({
        method: 'GET',
        url: '/api/apps/desk/forms/ticket/records?limit=1',
        headers: admin.read,
      })
      expect(still.statusCode).toBe(200)
    })

    it('never leaks a hidden field through get, list, events, export, inbox or a filter', async () => {
      const rec = json<Rec>(await submit(agent, { title: 'Secret holder' }))
      const secret = 'ZETA-CONFIDENTIAL-42'
      const edit = await h.app.inject({
        method: 'PATCH',
        url: `/api/records/${rec.id}`,
        headers: manager.write,
        payload: { data: { secret_note: secret }, version: rec.version },
      })
      expect(edit.statusCode).toBe(200)
      const byManager = await h.app.inject({
        method: 'GET',
        url: `/api/records/${rec.id}`,
        headers: manager.read,
      })
      expect(json<Rec>(byManager).data.secret_note).toBe(secret)

      const routes = [
        `/api/records/${rec.id}`,
        `/api/records/${rec.id}/events`,
        '/api/apps/desk/forms/ticket/records?limit=500',
        `/api/apps/desk/forms/ticket/records?q=${encodeURIComponent('ZETA')}`,
        '/api/apps/desk/forms/ticket/export?format=csv',
        '/api/inbox',
      ]
      for (const url of routes) {
        const res = await h.app.inject({ method: 'GET', url, headers: agent.read })
        expect(res.statusCode, url).toBeLessThan(500)
        expect(res.body, url).not.toContain(secret)
      }
      const detail = json<{ access: Record<string, string>; data: Record<string, unknown> }>(
        await h.app.inject({ method: 'GET', url: `/api/records/${rec.id}`, headers: agent.read }),
      )
      expect(detail.access.secret_note).toBe('hidden')
      expect(detail.data).not.toHaveProperty('secret_note')
      // Filtering on a withheld field must not turn into an oracle for its value.
      const probe = encodeURIComponent(JSON.stringify({ secret_note: { eq: secret } }))
      const oracle = await h.app.inject({
        method: 'GET',
        url: `/api/apps/desk/forms/ticket/records?filter=${probe}`,
        headers: agent.read,
      })
      if (oracle.statusCode === 200) expect(json<{ total: number }>(oracle).total).toBe(0)
      else expect([400, 403, 422]).toContain(oracle.statusCode)
      const xlsx = await h.app.inject({
        method: 'GET',
        url: '/api/apps/desk/forms/ticket/export?format=xlsx',
        headers: agent.read,
      })
      expect(xlsx.statusCode).toBe(200)
      expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    })

    it('keeps comments with the record and answers 404 for records one may not read', async () => {
      const rec = json<Rec>(await submit(agent, { title: 'Commented' }))
      const add = await h.app.inject({
        method: 'POST',
        url: `/api/records/${rec.id}/comments`,
        headers: agent.write,
        payload: { body: 'first <b>note</b>' },
      })
      expect(add.statusCode).toBe(201)
      const list = await h.app.inject({
        method: 'GET',
        url: `/api/records/${rec.id}/comments`,
        headers: agent.read,
      })
      expect(json<{ body: string }[]>(list).map((c) => c.body)).toEqual(['first <b>note</b>'])
      const missing = await h.app.inject({
        method: 'GET',
        url: '/api/records/00000000-0000-4000-8000-000000000000',
        headers: agent.read,
      })
      expect(missing.statusCode).toBe(404)
      const garbage = await h.app.inject({
        method: 'GET',
        url: '/api/records/not-a-uuid',
        headers: agent.read,
      })
      expect(garbage.statusCode).toBe(404)
    })

    it('shows me my apps and roles', async () => {
      const me = json<{ apps: { key: string; roles: string[] }[]; csrfToken: string }>(
        await h.app.inject({ method: 'GET', url: '/api/me', headers: agent.read }),
      )
      expect(me.apps).toEqual([expect.objectContaining({ key: 'desk', roles: ['agent'] })])
      expect(me.csrfToken).toBe(agent.write['x-csrf-token'])
      const apps = json<{ key: string }[]>(
        await h.app.inject({ method: 'GET', url: '/api/apps', headers: agent.read }),
      )
      expect(apps.map((a) => a.key)).toEqual(['desk'])
    })
  })
}
