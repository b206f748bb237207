import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createIdentityStore } from '../store/identity-store.js'
import { testDatabases } from '../store/test-databases.js'
import { createEngine } from './engine.js'
import { ADMIN, addMembers, leadApp, manualClock } from './test-kit.js'

const SYSTEM = { ...ADMIN, system: true }

for (const target of testDatabases()) {
  describe(`round robin on ${target.kind}`, () => {
    afterAll(() => target.dispose())
    let run = 0

    it('neither reads nor locks the pointer when nobody in the pool may take the record', async () => {
      const store = await target.open()
      const engine = createEngine({ store, clock: manualClock() })
      const app = `rr${++run}`
      await engine.publish(app, leadApp(app), SYSTEM)
      // sales in the East only: a West lead has nobody to go to
      const { ops } = await addMembers(store, app, [
        { name: 'ops', roles: ['operations'] },
        { name: 'rep', roles: ['sales'], attributes: { region: 'East' } },
      ])
      const pointers = async () =>
        (
          await sql<{ n: number }>`select count(*)::int as n from round_robin where app = ${app}`.execute(
            store.db,
          )
        ).rows[0]?.n
      const west = await engine.submit(
        app,
        'lead',
        { email: 'w@example.com', region: 'West', score: 70 },
        ops!,
      )
      const q = await engine.transition(west.id, 'qualify', {}, ops!, west.version)
      const handed = await engine.transition(west.id, 'hand_off', {}, ops!, q.version)
      expect(handed.assignee).toBeNull()
      expect(await pointers()).toBe(0)
      const east = await engine.submit(
        app,
        'lead',
        { email: 'e@example.com', region: 'East', score: 70 },
        ops!,
      )
      const q2 = await engine.transition(east.id, 'qualify', {}, ops!, east.version)
      const handedEast = await engine.transition(east.id, 'hand_off', {}, ops!, q2.version)
      expect(handedEast.assignee).toBe(
        (await engine.list(app, 'lead', {}, ops!)).items.find((i) => i.id === east.id)?.assignee,
      )
      expect(handedEast.assignee).not.toBeNull()
      expect(await pointers()).toBe(1)
    })

    it('skips a member deactivated a moment ago, though the members were just read', async () => {
      const store = await target.open()
      const engine = createEngine({ store, clock: manualClock(), membershipTtlMs: 60_000 })
      const app = `rr${++run}`
      await engine.publish(app, leadApp(app), SYSTEM)
      const { ops, rep } = await addMembers(store, app, [
        { name: 'ops', roles: ['operations'] },
        { name: 'rep', roles: ['sales'], attributes: { region: 'East' } },
      ])
      const handOff = async (email: string) => {
        const r = await engine.submit(app, 'lead', { email, region: 'East', score: 70 }, ops!)
        const q = await engine.transition(r.id, 'qualify', {}, ops!, r.version)
        return engine.transition(r.id, 'hand_off', {}, ops!, q.version)
      }
      expect((await handOff('a@example.com')).assignee).toBe(rep!.userId)
      await createIdentityStore(store.db).setActive(rep!.userId, false)
      expect((await handOff('b@example.com')).assignee).toBeNull()
    })
  })
}
