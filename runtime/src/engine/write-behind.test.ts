import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import type { Store } from '../store/dialect.js'
import { testDatabases } from '../store/test-databases.js'
import { storesOf } from './engine-context.js'
import { writeBehind } from './write-behind.js'

const at = new Date('2026-03-02T09:00:00.000Z')
const newRecord = (id: string, data: Record<string, unknown> = { email: 'a@example.com' }) => ({
  id,
  app: 'crm',
  form: 'lead',
  formVersion: 1,
  owner: null,
  data,
  search: 'a@example.com',
  at,
})

/** The stores of a transaction with every statement they send counted. */
async function inTransaction<T>(store: Store, fn: (s: ReturnType<typeof counted>) => Promise<T>) {
  return store.db.transaction().execute((trx) => fn(counted(storesOf(trx))))
}
function counted(direct: ReturnType<typeof storesOf>) {
  const sent: string[] = []
  const records = Object.fromEntries(
    Object.entries(direct.records).map(([name, f]) => [
      name,
      (...args: unknown[]) => {
        sent.push(name)
        return (f as (...a: unknown[]) => unknown)(...args)
      },
    ]),
  ) as typeof direct.records
  const base = { ...direct, records }
  return { base, sent, behind: writeBehind(base) }
}

for (const target of testDatabases()) {
  describe(`writeBehind on ${target.kind}`, () => {
    afterAll(() => target.dispose())

    it('sends a record, its instance, its event and a unique claim as one statement, before the next read', async () => {
      const store = await target.open()
      const id = randomUUID()
      const { sent, found, claimedAgain } = await inTransaction(store, async ({ sent, behind }) => {
        const { records, counters } = behind.stores
        const row = await records.insert(newRecord(id))
        expect(row).toMatchObject({ id, version: 1, data: { email: 'a@example.com' } })
        expect(await counters.claimUnique('crm', 'lead', 'email', 'a@example.com', id)).toBe(true)
        await records.writeInstance({
          recordId: id,
          app: 'crm',
          workflow: 'lead_flow',
          workflowVersion: 1,
          state: 'new',
          snapshot: {},
          assignee: null,
          approval: null,
          at,
        })
        await records.appendEvent({
          app: 'crm',
          recordId: id,
          seq: 1,
          type: 'created',
          actor: null,
          at,
          diff: {},
        })
        const found = await records.instance(id)
        const claimedAgain = await counters.claimUnique('crm', 'lead', 'email', 'a@example.com', randomUUID())
        return { sent: [...sent], found, claimedAgain }
      })
      // the record rode with the claim; the instance and event went out before the read of the instance
      expect(sent).toEqual(['writeAll', 'writeAll', 'instance', 'writeAll'])
      expect(found?.state).toBe('new')
      expect(claimedAgain).toBe(false)
      const events = await storesOf(store.db).records.events(id, 'crm')
      expect(events.map((e) => [e.seq, e.type])).toEqual([[1, 'created']])
    })

    it('answers an update of a locked row with the row the database then holds', async () => {
      const store = await target.open()
      const id = randomUUID()
      await storesOf(store.db).records.insert(newRecord(id, { email: 'b@example.com', score: 1 }))
      const { answered, sent } = await inTransaction(store, async ({ sent, behind }) => {
        const { records } = behind.stores
        const locked = await records.lockWithInstance(id)
        expect(locked?.instance).toBeUndefined()
        const later = new Date(at.getTime() + 1000)
        await records.update(id, {
          data: { email: 'b@example.com', score: 2 },
          search: 'b',
          version: 2,
          at: later,
        })
        // a second change of the same row waits for the first to go out (one statement, one change per row)
        const answered = await records.update(id, { version: 3, at: later })
        await behind.flush()
        return { answered, sent: [...sent] }
      })
      expect(sent).toEqual(['lockWithInstance', 'writeAll', 'writeAll'])
      const stored = await storesOf(store.db).records.find(id)
      expect(answered).toEqual(stored)
      expect(stored).toMatchObject({ version: 3, data: { score: 2 }, search: 'b' })
    })

    it('sends an update of a row it does not hold at once', async () => {
      const store = await target.open()
      const id = randomUUID()
      await storesOf(store.db).records.insert(newRecord(id))
      const sent = await inTransaction(store, async ({ sent, behind }) => {
        const row = await behind.stores.records.update(id, { version: 2, at })
        expect(row.version).toBe(2)
        return [...sent]
      })
      // nothing waited, so nothing was sent before it
      expect(sent).toEqual(['update'])
    })

    it('cancels and arms timers with the record writes; a cancel after an arm of the record waits for it', async () => {
      const store = await target.open()
      const id = randomUUID()
      await storesOf(store.db).records.insert(newRecord(id))
      const timer = (state: string) => ({ app: 'crm', recordId: id, state, transition: 'go', dueAt: at, at })
      await storesOf(store.db).work.armTimer(timer('new'))
      const sent = await inTransaction(store, async ({ sent, behind }) => {
        const { records, work } = behind.stores
        await records.lockWithInstance(id)
        // a transition out of `new` into `open`, then straight out of `open` (its new timer cancelled)
        await work.cancelTimers({ app: 'crm', recordId: id, state: 'new' })
        await work.armTimer(timer('open'))
        await records.update(id, { version: 2, at })
        await work.cancelTimers({ app: 'crm', recordId: id, state: 'open' })
        await behind.flush()
        return [...sent]
      })
      expect(sent).toEqual(['lockWithInstance', 'writeAll', 'writeAll'])
      const timers = await store.db
        .selectFrom('timer')
        .select(['state', 'status'])
        .where('record_id', '=', id)
        .execute()
      expect(timers.map((t) => `${t.state}:${t.status}`).sort()).toEqual(['new:cancelled', 'open:cancelled'])
    })

    it('answers a lock of a row it holds from a lock taken ahead, once, without a statement', async () => {
      const store = await target.open()
      const [a, b] = [randomUUID(), randomUUID()]
      for (const id of [a, b]) await storesOf(store.db).records.insert(newRecord(id))
      const { sent, answered } = await inTransaction(store, async ({ sent, base, behind }) => {
        behind.hold(await base.records.lockManyWithInstances([b, a, 'not-a-uuid']))
        const answered = await behind.stores.records.lockWithInstance(a)
        await behind.stores.records.update(a, { version: 2, at })
        // taken once: the second lock of the same row asks the database (and sends the update first)
        await behind.stores.records.lockWithInstance(a)
        return { sent: [...sent], answered }
      })
      expect(answered?.row).toMatchObject({ id: a, version: 1 })
      expect(sent).toEqual(['lockManyWithInstances', 'writeAll', 'lockWithInstance'])
    })

    it('writes nothing when the transaction rolls back', async () => {
      const store = await target.open()
      const id = randomUUID()
      await expect(
        inTransaction(store, async ({ behind }) => {
          await behind.stores.records.insert(newRecord(id))
          await behind.flush()
          throw new Error('refused')
        }),
      ).rejects.toThrow('refused')
      expect(await storesOf(store.db).records.find(id)).toBeUndefined()
    })
  })
}
