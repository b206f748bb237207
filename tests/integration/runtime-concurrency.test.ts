import {
  createEngine,
  createIdentityStore,
  isTesseraError,
  type Store,
  type TesseraEngine,
} from '@tessera/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, addMembers, leadApp, manualClock, testDatabases } from '../support/db.js'

const code = (e: unknown) => (isTesseraError(e) ? e.code : 'OK')
const count = <T>(xs: T[]) =>
  xs.reduce<Record<string, number>>((m, x) => ({ ...m, [String(x)]: (m[String(x)] ?? 0) + 1 }), {})

for (const target of testDatabases()) {
  describe(`concurrency on ${target.kind}`, () => {
    let store: Store
    let engine: TesseraEngine
    const clock = manualClock()
    let olga: Awaited<ReturnType<typeof addMembers>>[string]

    beforeAll(async () => {
      store = await target.open({ poolSize: 20 })
      engine = createEngine({ store, clock })
      await engine.publish('crm', leadApp('crm'), ADMIN)
      olga = (await addMembers(store, 'crm', [{ name: 'Olga', roles: ['operations'] }])).Olga!
    })
    afterAll(() => target.dispose())

    it('50 concurrent transitions with the same version: exactly one succeeds and one event is written', async () => {
      const lead = await engine.submit('crm', 'lead', { email: 'race@example.com', score: 80 }, olga)
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          engine.transition(lead.id, 'qualify', {}, olga, 1).then(() => 'OK', code),
        ),
      )
      expect(count(results)).toEqual({ OK: 1, VERSION_CONFLICT: 49 })
      const events = await engine.events(lead.id, ADMIN)
      expect(events.filter((e) => e.type === 'transition')).toHaveLength(1)
      expect((await engine.get(lead.id, ADMIN)).version).toBe(2)
    })

    it('a stale version is a conflict naming the current version', async () => {
      const lead = await engine.submit('crm', 'lead', { email: 'stale@example.com', score: 80 }, olga)
      await engine.transition(lead.id, 'qualify', {}, olga, 1)
      const e = await engine.transition(lead.id, 'hand_off', {}, olga, 1).catch((x: unknown) => x)
      expect(isTesseraError(e) && e.code).toBe('VERSION_CONFLICT')
      expect(isTesseraError(e) && e.details?.currentVersion).toBe(2)
    })

    it('100 concurrent submits get 100 distinct, consecutive serial numbers', async () => {
      await engine.publish('serials', leadApp('serials'), ADMIN)
      const [o] = Object.values(await addMembers(store, 'serials', [{ name: 'Otto', roles: ['operations'] }]))
      const records = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          engine.submit('serials', 'lead', { email: `s${i}@example.com` }, o!),
        ),
      )
      const numbers = records.map((r) => r.data.number as string).sort()
      expect(new Set(numbers).size).toBe(100)
      expect(numbers[0]).toBe('LEAD-2026-000001')
      expect(numbers[99]).toBe('LEAD-2026-000100')
    })

    it('20 concurrent submits of the same unique email (any case or spacing) store exactly one', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          engine
            .submit('crm', 'lead', { email: i % 2 ? ' Same@Example.com' : 'same@example.COM ' }, olga)
            .then(() => 'OK', code),
        ),
      )
      expect(count(results)).toEqual({ OK: 1, UNIQUE_VIOLATION: 19 })
      const list = await engine.list('crm', 'lead', { filter: { email: { contains: 'same@' } } }, olga)
      expect(list.total).toBe(1)
    })

    it('a rolled-back submit gives its serial back: numbers stay gap-free', async () => {
      await engine.publish('gaps', leadApp('gaps'), ADMIN)
      const [o] = Object.values(await addMembers(store, 'gaps', [{ name: 'Gus', roles: ['operations'] }]))
      await engine.submit('gaps', 'lead', { email: 'g1@example.com' }, o!)
      const dup = await engine.submit('gaps', 'lead', { email: 'g1@example.com' }, o!).catch(code)
      expect(dup).toBe('UNIQUE_VIOLATION')
      const next = await engine.submit('gaps', 'lead', { email: 'g2@example.com' }, o!)
      expect(next.data.number).toBe('LEAD-2026-000002')
    })

    it('round robin over 5 members assigns 100 hand-offs 20 each, one by one and concurrently', async () => {
      for (const [app, concurrent] of [
        ['rr_seq', false],
        ['rr_par', true],
      ] as const) {
        await engine.publish(app, leadApp(app), ADMIN)
        const reps = await addMembers(
          store,
          app,
          ['A', 'B', 'C', 'D', 'E'].map((name) => ({
            name,
            roles: ['sales'],
            attributes: { region: 'East' },
          })),
        )
        const submit = (i: number) =>
          engine.submit(app, 'lead', { email: `${app}${i}@example.com`, region: 'East' }, ADMIN, {
            importState: 'handed_off',
          })
        const records = concurrent
          ? await Promise.all(Array.from({ length: 100 }, (_, i) => submit(i)))
          : await Array.from({ length: 100 }, (_, i) => i).reduce(
              async (acc, i) => [...(await acc), await submit(i)],
              Promise.resolve([] as Awaited<ReturnType<typeof submit>>[]),
            )
        const byRep = count(records.map((r) => r.assignee))
        expect(Object.keys(byRep).sort()).toEqual(
          Object.values(reps)
            .map((r) => r.userId)
            .sort(),
        )
        expect(Object.values(byRep)).toEqual([20, 20, 20, 20, 20])
      }
    })

    it('C10: round robin skips deactivated and absent members, in the same order for batches and single inserts', async () => {
      const runs: string[][] = []
      for (const app of ['c10_batch', 'c10_single']) {
        await engine.publish(app, leadApp(app), ADMIN)
        const pool = await addMembers(store, app, [
          { name: 'A', roles: ['sales'], attributes: { region: 'East' } },
          { name: 'B', roles: ['sales'], attributes: { region: 'East' }, active: false },
          { name: 'C', roles: ['sales'], attributes: { region: 'East' } },
          { name: 'D', roles: ['sales'], attributes: { region: 'East' }, available: false },
        ])
        const names = new Map(Object.entries(pool).map(([n, a]) => [a.userId, n]))
        const place = (i: number) =>
          engine.submit(app, 'lead', { email: `${app}-${i}@example.com`, region: 'East' }, ADMIN, {
            importState: 'handed_off',
          })
        expect(names.get((await place(0)).assignee!)).toBe('A')
        const owners: string[] = []
        if (app === 'c10_batch') {
          const batch = await Promise.all([1, 2, 3, 4, 5, 6].map(place))
          owners.push(...batch.map((r) => names.get(r.assignee!)!))
          expect(count(owners)).toEqual({ A: 3, C: 3 })
        } else {
          for (const i of [1, 2, 3, 4, 5, 6]) owners.push(names.get((await place(i)).assignee!)!)
          expect(owners).toEqual(['C', 'A', 'C', 'A', 'C', 'A'])
        }
        runs.push(owners)
      }
      // the batch ran in parallel, so its order of completion varies; its split may not
      expect(count(runs[0]!)).toEqual(count(runs[1]!))
    })

    it('C10: deactivating a rep mid-stream sends the next lead on, and keeps their open leads', async () => {
      const app = 'c10_deactivate'
      await engine.publish(app, leadApp(app), ADMIN)
      const pool = await addMembers(store, app, [
        { name: 'A', roles: ['sales'], attributes: { region: 'East' } },
        { name: 'C', roles: ['sales'], attributes: { region: 'East' } },
      ])
      const place = (i: number) =>
        engine.submit(app, 'lead', { email: `${app}-${i}@example.com`, region: 'East' }, ADMIN, {
          importState: 'handed_off',
        })
      const first = await place(0)
      const second = await place(1)
      // the rotation's order is the pool's (members added together tie on join time): each rep once
      expect([first.assignee, second.assignee].sort()).toEqual([pool.A!.userId, pool.C!.userId].sort())
      const gone = second.assignee as string
      const stays = first.assignee as string
      await createIdentityStore(store.db).setActive(gone, false)
      expect((await place(2)).assignee).toBe(stays)
      expect((await place(3)).assignee).toBe(stays)
      expect((await engine.get(second.id, ADMIN)).assignee).toBe(gone)
    })

    it('a transition whose action fails leaves record, instance, events, timers and outbox as they were', async () => {
      const lead = await engine.submit('crm', 'lead', { email: 'rollback@example.com', score: 90 }, olga)
      const q = await engine.transition(lead.id, 'qualify', {}, olga, 1)
      const before = {
        record: await engine.get(lead.id, ADMIN),
        events: await engine.events(lead.id, ADMIN),
        outbox: await engine.outbox({ recordId: lead.id }),
      }
      const e = await engine.transition(lead.id, 'boost', {}, olga, q.version).catch((x: unknown) => x)
      expect(isTesseraError(e) && e.code).toBe('INVALID')
      expect(await engine.get(lead.id, ADMIN)).toEqual(before.record)
      expect(await engine.events(lead.id, ADMIN)).toEqual(before.events)
      expect(await engine.outbox({ recordId: lead.id })).toEqual(before.outbox)
    })
  })
}
