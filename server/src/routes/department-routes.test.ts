import { createAuditStore, createEngine, leadApp, manualClock } from '@tessera/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, login, openTestApp, targets } from '../test-support/test-app.js'

const SYSTEM = { userId: null, isAdmin: true, system: true, via: 'test' }

for (const target of targets()) {
  describe(`departments and deactivation over HTTP on ${target.kind}`, () => {
    let t: TestApp
    let admin: Awaited<ReturnType<typeof login>>
    const users: Record<string, string> = {}

    const call = (
      method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
      url: string,
      headers: object,
      payload?: object,
    ) =>
      t.app.inject({
        method,
        url,
        headers: headers as Record<string, string>,
        ...(payload ? { payload } : {}),
      })

    async function addUser(name: string) {
      const res = await call('POST', '/api/users', admin.headers, {
        email: `${name}@example.com`,
        name,
        password: `${name} password 123`,
      })
      expect(res.statusCode).toBe(201)
      users[name] = res.json().id
      return res.json().id as string
    }

    beforeAll(async () => {
      t = await openTestApp(target, (store) => createEngine({ store, clock: manualClock() }))
      admin = await login(t.app)
      await t.engine.publish('crm', leadApp(), SYSTEM)
      for (const name of ['mia', 'rep', 'rep2']) await addUser(name)
      const member = (user: string, attributes: object) =>
        call('PUT', `/api/apps/crm/members/${users[user]}`, admin.headers, { roles: ['sales'], attributes })
      expect((await member('mia', { region: 'West' })).statusCode).toBe(200)
      await member('rep', { region: 'East', manager: users.mia })
      await member('rep2', { region: 'West' })
    }, 180_000)
    afterAll(async () => {
      await t.close()
      await target.dispose()
    })

    it('lets the admin build the tree and lets members read it but change nothing', async () => {
      const post = (payload: object) => call('POST', '/api/departments', admin.headers, payload)
      expect((await post({ key: 'company', name: 'Company', head: users.mia })).statusCode).toBe(201)
      expect((await post({ key: 'sales', name: 'Sales', parent: 'company' })).statusCode).toBe(201)
      const east = await post({ key: 'east', name: 'East', parent: 'sales' })
      expect(east.json()).toEqual({ key: 'east', name: 'East', parent: 'sales', head: null, members: [] })
      expect((await post({ key: 'East Coast', name: 'x' })).statusCode).toBe(400)
      expect((await post({ key: 'east', name: 'again' })).statusCode).toBe(409)

      const added = await call('PUT', `/api/departments/east/members/${users.rep}`, admin.headers)
      expect(added.json().members).toEqual([users.rep])
      const renamed = await call('PATCH', '/api/departments/east', admin.headers, {
        name: 'Sales East',
        head: users.mia,
      })
      expect(renamed.json()).toMatchObject({ name: 'Sales East', head: users.mia })

      const rep = await login(t.app, 'rep@example.com', 'rep password 123')
      const tree = await call('GET', '/api/departments', { cookie: rep.cookie })
      expect(tree.json().items.map((d: { key: string }) => d.key)).toEqual(['company', 'east', 'sales'])
      for (const [method, url] of [
        ['POST', '/api/departments'],
        ['PATCH', '/api/departments/east'],
        ['DELETE', '/api/departments/east'],
        ['PUT', `/api/departments/east/members/${users.rep}`],
        ['DELETE', `/api/departments/east/members/${users.rep}`],
      ] as const) {
        const res = await call(
          method,
          url,
          rep.headers,
          method === 'DELETE' || method === 'PUT' ? undefined : { key: 'x', name: 'x' },
        )
        expect([method, url, res.statusCode]).toEqual([method, url, 403])
      }
      expect((await call('GET', '/api/departments', { cookie: rep.cookie })).json().items).toEqual(
        tree.json().items,
      )
    })

    it('flags a rule naming a department the platform does not have when verifying a definition', async () => {
      const definition = leadApp()
      const flow = definition.workflows?.[0]
      if (!flow?.states[1]) throw new Error('leadApp has a second state')
      flow.states[1].assignee = { roundRobin: { role: 'sales', department: 'eastt' } }
      const res = await call('POST', '/api/apps/crm/verify', admin.headers, definition)
      expect(res.statusCode).toBe(200)
      expect(res.json().errors).toEqual([
        expect.objectContaining({
          code: 'unknown_department',
          path: '/workflows/0/states/1/assignee/roundRobin/department',
          message: expect.objectContaining({ en: expect.stringContaining("did you mean 'east'") }),
        }),
      ])
      flow.states[1].assignee = { roundRobin: { role: 'sales', department: 'east' } }
      expect((await call('POST', '/api/apps/crm/verify', admin.headers, definition)).json().errors).toEqual(
        [],
      )
    })

    it('answers 409 for a cycle and for deleting a department that is not empty, and audits each change', async () => {
      const cycle = await call(
        'PATCH',
        '/api/departments/company',
        { ...admin.headers, 'accept-language': 'en' },
        { parent: 'east' },
      )
      expect(cycle.statusCode).toBe(409)
      expect(cycle.json()).toMatchObject({ code: 'DEPARTMENT_CONFLICT' })
      expect(cycle.json().detail).toContain('cycle')
      const notEmpty = await call('DELETE', '/api/departments/sales', admin.headers)
      expect(notEmpty.statusCode).toBe(409)
      expect(notEmpty.json().detail).toContain('not empty')
      const zh = await call('DELETE', '/api/departments/sales', {
        ...admin.headers,
        'accept-language': 'zh-CN',
      })
      expect(zh.json().detail).toContain('不为空')
      expect((await call('PATCH', '/api/departments/nowhere', admin.headers, { name: 'x' })).statusCode).toBe(
        404,
      )
      expect(
        (await call('PATCH', '/api/departments/east', admin.headers, { parent: 'nowhere' })).statusCode,
      ).toBe(422)

      expect(
        (await call('POST', '/api/departments', admin.headers, { key: 'tmp', name: 'Tmp' })).statusCode,
      ).toBe(201)
      expect((await call('DELETE', '/api/departments/tmp', admin.headers)).statusCode).toBe(204)
      const actions = (await createAuditStore(t.runtimeStore.db).list(200)).map(
        (a) => `${a.action} ${a.target}`,
      )
      expect(actions).toEqual(
        expect.arrayContaining([
          'department.create company',
          'department.member.add east',
          'department.update east',
          'department.delete tmp',
        ]),
      )
      expect(actions).not.toContain('department.update company')
    })

    it("stops a deactivated member's session and token, shows their open work to their manager, who reassigns it", async () => {
      const repSession = await login(t.app, 'rep@example.com', 'rep password 123')
      const token = (await call('POST', '/api/auth/tokens', repSession.headers, { name: 'cli' })).json().token
      expect((await call('GET', '/api/me', { authorization: `Bearer ${token}` })).statusCode).toBe(200)

      // a lead handed off round robin in the East: rep is the only East rep
      let lead = await t.engine.submit(
        'crm',
        'lead',
        { email: 'l1@example.com', region: 'East', score: 80 },
        SYSTEM,
      )
      lead = await t.engine.transition(lead.id, 'qualify', { score: 80 }, SYSTEM, lead.version)
      lead = await t.engine.transition(lead.id, 'hand_off', {}, SYSTEM, lead.version)
      expect(lead.assignee).toBe(users.rep)

      // one's own open work is always visible; someone else's only to whoever may hand it on
      const own = await call('GET', `/api/users/${users.rep}/open-work`, { cookie: repSession.cookie })
      expect(own.statusCode).toBe(200)
      expect(own.json().items.map((i: { recordId: string }) => i.recordId)).toEqual([lead.id])
      const peer = await login(t.app, 'rep2@example.com', 'rep2 password 123')
      const byPeer = await call('GET', `/api/users/${users.rep}/open-work`, { cookie: peer.cookie })
      expect(byPeer.statusCode).toBe(403)
      expect(byPeer.json().code).toBe('FORBIDDEN')
      const byManager = await call('GET', `/api/users/${users.rep}/open-work`, {
        cookie: (await login(t.app, 'mia@example.com', 'mia password 123')).cookie,
      })
      expect(byManager.json().items).toHaveLength(1)

      expect(
        (await call('PATCH', `/api/users/${users.rep}`, admin.headers, { active: false })).statusCode,
      ).toBe(200)
      expect((await call('GET', '/api/me', { cookie: repSession.cookie })).statusCode).toBe(401)
      expect((await call('GET', '/api/me', { authorization: `Bearer ${token}` })).statusCode).toBe(401)
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'rep@example.com', password: 'rep password 123' },
      })
      expect(again.statusCode).toBe(401)

      const mia = await login(t.app, 'mia@example.com', 'mia password 123')
      const open = await call('GET', '/api/open-work/deactivated', { cookie: mia.cookie })
      expect(open.statusCode).toBe(200)
      expect(open.json().people).toHaveLength(1)
      expect(open.json().people[0].user.id).toBe(users.rep)
      expect(open.json().people[0].items.map((i: { recordId: string }) => i.recordId)).toEqual([lead.id])
      const rep2 = await login(t.app, 'rep2@example.com', 'rep2 password 123')
      expect(
        (await call('GET', '/api/open-work/deactivated', { cookie: rep2.cookie })).json().people,
      ).toEqual([])

      const byRep2 = await call('POST', '/api/open-work/reassign', rep2.headers, {
        from: users.rep,
        to: users.rep2,
        records: [{ id: lead.id }],
      })
      // a colleague who may not read the rep's lead: not found, as every write on an unseen record
      expect(byRep2.json().results).toMatchObject([{ id: lead.id, ok: false, code: 'NOT_FOUND' }])
      const moved = await call('POST', '/api/open-work/reassign', mia.headers, {
        from: users.rep,
        to: users.rep2,
        records: [{ id: lead.id, version: lead.version }, { id: '00000000-0000-4000-8000-000000000000' }],
      })
      expect(moved.json().results).toMatchObject([
        { id: lead.id, ok: true, version: lead.version + 1 },
        { ok: false, code: 'NOT_FOUND' },
      ])
      const after = await t.engine.get(lead.id, SYSTEM)
      expect(after.assignee).toBe(users.rep2)
      expect(after.data.sales_rep ?? users.rep2).toBe(users.rep2)
      const events = await t.engine.events(lead.id, SYSTEM)
      expect(events.at(-1)).toMatchObject({ type: 'assigned', actor: users.mia })
      expect((await call('GET', '/api/open-work/deactivated', { cookie: mia.cookie })).json().people).toEqual(
        [],
      )

      // more leads in the East now find no active rep there: unassigned, and the event says why
      let next = await t.engine.submit(
        'crm',
        'lead',
        { email: 'l2@example.com', region: 'East', score: 80 },
        SYSTEM,
      )
      next = await t.engine.transition(next.id, 'qualify', { score: 80 }, SYSTEM, next.version)
      next = await t.engine.transition(next.id, 'hand_off', {}, SYSTEM, next.version)
      expect(next.assignee).toBeNull()
      expect((await t.engine.events(next.id, SYSTEM)).at(-1)?.meta?.unassigned).toMatchObject([
        { reason: 'nobody_eligible' },
      ])

      expect(
        (await call('PATCH', `/api/users/${users.rep}`, admin.headers, { active: true })).statusCode,
      ).toBe(200)
      expect((await login(t.app, 'rep@example.com', 'rep password 123')).csrfToken).toBeTruthy()
    })

    it('describes the department and open-work routes in the OpenAPI document', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json()
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/departments',
          '/api/departments/{key}',
          '/api/departments/{key}/members/{user}',
          '/api/users/{id}/open-work',
          '/api/open-work/deactivated',
          '/api/open-work/reassign',
        ]),
      )
      expect(Object.keys(doc.components.schemas)).toEqual(
        expect.arrayContaining(['Department', 'OpenWorkItem']),
      )
    })
  })
}
