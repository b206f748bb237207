import { testDatabases } from '@tessera/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, type ServerHarness, type Session, json, openServer, publishDesk } from './server-harness.js'

interface Rec {
  id: string
  version: number
  data: Record<string, unknown>
}

/**
 * The engine keeps who a member is for a moment (runtime membership-cache.ts): a role change made
 * through the API must still apply to that member's very next request.
 */
for (const target of testDatabases()) {
  describe(`a membership change on ${target.kind}`, () => {
    let h: ServerHarness
    let admin: Session
    let person: Session

    beforeAll(async () => {
      h = await openServer(target)
      admin = await h.login(ADMIN.email, ADMIN.password)
      await publishDesk(h, admin)
      person = await h.member('changing@desk.test', ['manager'])
    })
    afterAll(async () => {
      await h?.close()
      await target.dispose()
    })

    const setRoles = async (roles: string[]) => {
      const res = await h.app.inject({
        method: 'PUT',
        url: `/api/apps/desk/members/${person.userId}`,
        headers: admin.write,
        payload: { roles },
      })
      expect(res.statusCode).toBe(200)
    }
    const read = async (id: string) =>
      json<Rec>(await h.app.inject({ method: 'GET', url: `/api/records/${id}`, headers: person.read }))
    const send = (r: Rec) =>
      h.app.inject({
        method: 'POST',
        url: `/api/records/${r.id}/transitions/send`,
        headers: person.write,
        payload: { version: r.version, data: { score: 50 } },
      })

    it('withholds a field and refuses a transition on the next request after the role changes', async () => {
      const created = await h.app.inject({
        method: 'POST',
        url: '/api/apps/desk/forms/ticket/records',
        headers: person.write,
        payload: { data: { title: 'role change', secret_note: 'managers only' } },
      })
      expect(created.statusCode).toBe(201)
      const r = json<Rec>(created)
      expect(r.data.secret_note).toBe('managers only')
      // as a manager: sees the note, may not send (agents send)
      expect((await read(r.id)).data.secret_note).toBe('managers only')
      expect((await send(r)).statusCode).toBe(403)

      await setRoles(['agent'])
      expect((await read(r.id)).data).not.toHaveProperty('secret_note')
      const list = json<{ items: Rec[] }>(
        await h.app.inject({
          method: 'GET',
          url: '/api/apps/desk/forms/ticket/records',
          headers: person.read,
        }),
      )
      expect(list.items.find((i) => i.id === r.id)?.data).not.toHaveProperty('secret_note')

      await setRoles(['manager'])
      expect((await read(r.id)).data.secret_note).toBe('managers only')
      expect((await send(r)).statusCode).toBe(403)
      await setRoles(['agent'])
      expect((await send(r)).statusCode).toBe(200)
    })
  })
}
