import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { isTesseraError } from '../errors.js'
import { createIdentityStore } from '../store/identity-store.js'
import { orgChanged } from '../store/org-changes.js'
import { testDatabases } from '../store/test-databases.js'
import { createEngine } from './engine.js'
import { createMembershipCache } from './membership-cache.js'
import { ADMIN, addMembers, leadApp, manualClock } from './test-kit.js'

const SYSTEM = { ...ADMIN, system: true }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A loader that counts its reads and answers when released. */
function loader() {
  let reads = 0
  const pending: ((v: string) => void)[] = []
  return {
    reads: () => reads,
    load: () => {
      reads++
      return new Promise<string>((resolve) => pending.push(resolve))
    },
    release: (value: string) => {
      for (const r of pending.splice(0)) r(value)
    },
  }
}

describe('the membership cache', () => {
  it('answers from the cache within its time to live and reads again after it', async () => {
    const cache = createMembershipCache(80)
    let reads = 0
    const load = async () => `v${++reads}`
    expect(await cache.resolve('k', load)).toBe('v1')
    expect(await cache.resolve('k', load)).toBe('v1')
    await sleep(120)
    expect(await cache.resolve('k', load)).toBe('v2')
  })

  it('drops every entry when a membership or department changes in this process', async () => {
    const cache = createMembershipCache(60_000)
    let reads = 0
    const load = async () => `v${++reads}`
    expect(await cache.resolve('k', load)).toBe('v1')
    orgChanged()
    expect(await cache.resolve('k', load)).toBe('v2')
  })

  it('shares one read among concurrent misses', async () => {
    const cache = createMembershipCache(60_000)
    const l = loader()
    const answers = Promise.all([cache.resolve('k', l.load), cache.resolve('k', l.load)])
    l.release('one')
    expect(await answers).toEqual(['one', 'one'])
    expect(l.reads()).toBe(1)
  })

  it('does not keep a read that was running when the org changed, nor let a later caller join it', async () => {
    const cache = createMembershipCache(60_000)
    const before = loader()
    const first = cache.resolve('k', before.load)
    orgChanged()
    const after = loader()
    const second = cache.resolve('k', after.load)
    before.release('old')
    after.release('new')
    expect(await first).toBe('old')
    expect(await second).toBe('new')
    expect(await cache.resolve('k', async () => 'unused')).toBe('new')
  })

  it('lets the callers that joined a failed read read for themselves', async () => {
    const cache = createMembershipCache(60_000)
    let fail: (e: Error) => void = () => {}
    const first = cache.resolve('k', () => new Promise<string>((_, reject) => (fail = reject)))
    const second = cache.resolve('k', async () => 'own read')
    fail(new Error('transaction aborted'))
    await expect(first).rejects.toThrow('transaction aborted')
    expect(await second).toBe('own read')
  })

  it('reads every time with a time to live of 0', async () => {
    const cache = createMembershipCache(0)
    let reads = 0
    const load = async () => `v${++reads}`
    await cache.resolve('k', load)
    expect(await cache.resolve('k', load)).toBe('v2')
  })
})

const forbidden = (e: unknown) => isTesseraError(e) && e.code === 'FORBIDDEN'

for (const target of testDatabases()) {
  describe(`a membership change reaches the engine on ${target.kind}`, () => {
    afterAll(() => target.dispose())
    let run = 0
    async function setup(membershipTtlMs?: number) {
      const store = await target.open()
      const engine = createEngine({
        store,
        clock: manualClock(),
        ...(membershipTtlMs !== undefined ? { membershipTtlMs } : {}),
      })
      const app = `cache${++run}`
      await engine.publish(app, leadApp(app), SYSTEM)
      const { ops } = await addMembers(store, app, [{ name: 'ops', roles: ['operations'] }])
      return { store, engine, app, ops: ops! }
    }
    const lead = (n: number) => ({ email: `l${n}@example.com`, secret_note: 'only operations see this' })

    it('refuses a removed member at once, in the process that removed them', async () => {
      const { store, engine, app, ops } = await setup(60_000)
      const r = await engine.submit(app, 'lead', lead(1), ops)
      expect((await engine.list(app, 'lead', {}, ops)).items).toHaveLength(1)
      await createIdentityStore(store.db).removeMembership(app, ops.userId)
      await expect(engine.submit(app, 'lead', lead(2), ops)).rejects.toSatisfy(forbidden)
      // a record outside the reader's scope is "not found"
      await expect(engine.get(r.id, ops)).rejects.toSatisfy(
        (e: unknown) => isTesseraError(e) && e.code === 'NOT_FOUND',
      )
      expect((await engine.list(app, 'lead', {}, ops)).items).toHaveLength(0)
    })

    it('applies a role change at once: the field the new role may not see is withheld', async () => {
      const { store, engine, app, ops } = await setup(60_000)
      const r = await engine.submit(app, 'lead', lead(3), ops)
      expect(r.data.secret_note).toBe('only operations see this')
      await createIdentityStore(store.db).setMembership(app, ops.userId, { roles: ['sales'] })
      // sales reads its own records: this one is the member's own, but its secret is hidden from sales
      const seen = await engine.get(r.id, ops)
      expect(seen.data.secret_note).toBeUndefined()
      await expect(engine.transition(r.id, 'disqualify', {}, ops, seen.version)).rejects.toSatisfy(
        (e: unknown) => isTesseraError(e) && e.code !== 'FORBIDDEN',
      )
      await expect(engine.transition(r.id, 'qualify', { score: 80 }, ops, seen.version)).rejects.toSatisfy(
        forbidden,
      )
    })

    it("sees another process's removal within the time to live", async () => {
      const ttl = 300
      const { store, engine, app, ops } = await setup(ttl)
      await engine.submit(app, 'lead', lead(4), ops)
      // another process removes the member: nothing in this one hears of it
      await sql`delete from membership where app = ${app} and user_id = ${ops.userId}`.execute(store.db)
      const removedAt = Date.now()
      let refusedAfter = -1
      for (let n = 5; refusedAfter < 0 && Date.now() - removedAt < ttl + 2000; n++) {
        try {
          await engine.submit(app, 'lead', lead(n), ops)
          await sleep(25)
        } catch (e) {
          if (!forbidden(e)) throw e
          refusedAfter = Date.now() - removedAt
        }
      }
      expect(refusedAfter).toBeGreaterThanOrEqual(0)
      // the entry is at most `ttl` old; the rest is this machine's time to run a submit
      expect(refusedAfter).toBeLessThanOrEqual(ttl + 1000)
    })
  })
}
