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
        await records.appendEvent({ recordId: id, seq: 1, type: 'created', actor: null, at, diff: {} })
        const found = await records.instance(id)
        const claimedAgain = await counters.claimUnique('crm', 'lead', 'email', 'a@example.com', randomUUID())
        return { sent: [...sent], found, claimedAgain }
      })
      // the record rode with the claim; the instance and event went out before the read of the instance
      expect(sent).toEqual(['writeAll', 'writeAll', 'instance', 'writeAll'])
      expect(found?.state).toBe('new')
      expect(claimedAgain).toBe(false)
      const events = await storesOf(store.db).records.events(id)
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
