import { testDatabases } from '@tessera/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, type ServerHarness, type Session, json, openServer, publishDesk } from './server-harness.js'

interface View {
  id: string
  name: string
  shared: boolean
  role: string | null
  mine: boolean
  canEdit: boolean
  settings: Record<string, unknown>
}

const settings = {
  filters: { priority: { op: 'in', values: ['high'] } },
  q: '',
  sort: '-updated_at',
  columns: ['title'],
  widths: { title: 320 },
}

for (const target of testDatabases()) {
  describe(`saved views on ${target.kind}`, () => {
    let h: ServerHarness
    let admin: Session
    let ana: Session
    let bo: Session
    let manager: Session

    beforeAll(async () => {
      h = await openServer(target)
      admin = await h.login(ADMIN.email, ADMIN.password)
      await publishDesk(h, admin)
      ana = await h.member('ana@views.test', ['agent'])
      bo = await h.member('bo@views.test', ['agent'])
      manager = await h.member('mia@views.test', ['manager'])
    })
    afterAll(async () => {
      await h?.close()
      await target.dispose()
    })

    const list = async (as: Session) => {
      const res = await h.app.inject({
        method: 'GET',
        url: '/api/apps/desk/forms/ticket/views',
        headers: as.read,
      })
      expect(res.statusCode).toBe(200)
      return json<{ items: View[] }>(res).items
    }
    const save = (as: Session, payload: Record<string, unknown>) =>
      h.app.inject({ method: 'POST', url: '/api/apps/desk/forms/ticket/views', headers: as.write, payload })

    it('keeps a view to its owner until it is shared, with the members or one role', async () => {
      const own = await save(ana, { name: 'My urgent', settings })
      expect(own.statusCode).toBe(201)
      expect(json<View>(own)).toMatchObject({
        name: 'My urgent',
        mine: true,
        canEdit: true,
        shared: false,
        settings,
      })
      expect((await list(ana)).map((v) => v.name)).toEqual(['My urgent'])
      expect(await list(bo)).toEqual([])

      await save(ana, { name: 'Team queue', shared: true, settings })
      await save(ana, { name: 'For managers', shared: true, role: 'manager', settings })
      const seenByBo = await list(bo)
      expect(seenByBo.map((v) => [v.name, v.mine, v.canEdit])).toEqual([['Team queue', false, false]])
      expect((await list(manager)).map((v) => v.name).sort()).toEqual(['For managers', 'Team queue'])
      expect((await list(ana)).map((v) => v.name)).toEqual(['For managers', 'My urgent', 'Team queue'])
    })

    it('lets only the owner or an admin rename, re-share or delete a shared view', async () => {
      const team = (await list(bo)).find((v) => v.name === 'Team queue')!
      const mine = (await list(ana)).find((v) => v.name === 'My urgent')!
      for (const method of ['PATCH', 'DELETE'] as const) {
        const res = await h.app.inject({
          method,
          url: `/api/views/${team.id}`,
          headers: bo.write,
          ...(method === 'PATCH' ? { payload: { name: 'Mine now' } } : {}),
        })
        expect(res.statusCode).toBe(403)
        // a view one cannot see is not there at all
        const hidden = await h.app.inject({
          method,
          url: `/api/views/${mine.id}`,
          headers: bo.write,
          ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}),
        })
        expect(hidden.statusCode).toBe(404)
      }
      const renamed = await h.app.inject({
        method: 'PATCH',
        url: `/api/views/${team.id}`,
        headers: admin.write,
        payload: { name: 'Team queue (all)', settings: { ...settings, widths: { title: 200 } } },
      })
      expect(renamed.statusCode).toBe(200)
      expect(json<View>(renamed)).toMatchObject({ name: 'Team queue (all)', canEdit: true, mine: false })
      expect(json<View>(renamed).settings.widths).toEqual({ title: 200 })
      const unshare = await h.app.inject({
        method: 'PATCH',
        url: `/api/views/${team.id}`,
        headers: ana.write,
        payload: { shared: false },
      })
      expect(unshare.statusCode).toBe(200)
      expect(await list(bo)).toEqual([])
      const gone = await h.app.inject({ method: 'DELETE', url: `/api/views/${mine.id}`, headers: ana.write })
      expect(gone.statusCode).toBe(204)
      expect((await list(ana)).map((v) => v.name)).not.toContain('My urgent')
    })

    it('refuses a second view of the same name, bad settings, strangers and unknown ids', async () => {
      const again = await save(ana, { name: 'For managers', settings })
      expect(again.statusCode).toBe(409)
      expect(json<{ detail: string }>(again).detail).toContain('For managers')
      expect((await save(ana, { name: '   ', settings })).statusCode).toBe(400)
      expect(
        (await save(ana, { name: 'Narrow', settings: { ...settings, widths: { title: 5 } } })).statusCode,
      ).toBe(400)
      expect((await save(ana, { name: 'Odd', settings: { ...settings, colour: 'red' } })).statusCode).toBe(
        400,
      )
      const none = await h.app.inject({ method: 'DELETE', url: '/api/views/not-an-id', headers: ana.write })
      expect(none.statusCode).toBe(404)
      const other = await h.app.inject({
        method: 'GET',
        url: '/api/apps/nope/forms/ticket/views',
        headers: ana.read,
      })
      expect(other.statusCode).toBe(404)
    })
  })
}
