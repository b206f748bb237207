import { afterAll, describe, expect, it } from 'vitest'
import { isTesseraError } from '../errors.js'
import { testDatabases } from '../store/test-databases.js'
import { createEngine } from './engine.js'
import { ADMIN, leadApp, manualClock } from './test-kit.js'

// importBatch writes a run of rows under one savepoint with its records, instances and events as
// multi-row inserts; these pin that the result is what one savepoint per row gave.
for (const target of testDatabases()) {
  describe(`importBatch on ${target.kind}`, () => {
    afterAll(() => target.dispose())

    it('refused rows in the middle are undone alone: serials stay gap-free, events are written, a repeated key updates', async () => {
      const store = await target.open()
      const engine = createEngine({ store, clock: manualClock() })
      await engine.publish('crm', leadApp(), { ...ADMIN, system: true })
      const row = (key: string, email: string, score: number) => ({
        data: { email, score },
        options: { externalKey: key, importState: 'new' },
      })
      const results = await engine.importBatch(
        'crm',
        'lead',
        [
          row('K-1', 'one@example.com', 1),
          row('K-2', 'two@example.com', 2),
          row('K-3', 'ONE@example.com', 3), // the unique email of K-1
          row('K-4', 'four@example.com', 400), // above the maximum
          row('K-5', 'five@example.com', 5),
          row('K-2', 'two@example.com', 22), // the same key again: an update within the batch
        ],
        ADMIN,
      )
      expect(results.map((r) => (r.ok ? r.outcome : isTesseraError(r.error) && r.error.code))).toEqual([
        'created',
        'created',
        'UNIQUE_VIOLATION',
        'INVALID',
        'created',
        'updated',
      ])
      const listed = await engine.list('crm', 'lead', { sort: 'number' }, ADMIN)
      expect(listed.items.map((r) => [r.data.email, r.data.number, r.data.score])).toEqual([
        ['one@example.com', 'LEAD-2026-000001', 1],
        ['two@example.com', 'LEAD-2026-000002', 22],
        ['five@example.com', 'LEAD-2026-000003', 5],
      ])
      for (const item of listed.items) {
        expect(item.state).toBe('new')
        const events = await engine.events(item.id, ADMIN)
        expect(events[0]).toMatchObject({ seq: 1, type: 'imported' })
      }
      const two = listed.items.find((r) => r.data.email === 'two@example.com')
      expect((await engine.events(two?.id ?? '', ADMIN)).map((e) => [e.seq, e.type])).toEqual([
        [1, 'imported'],
        [2, 'imported'],
      ])
    })

    it('a deleted record lets its external key go: importing the row again creates a new record', async () => {
      const store = await target.open()
      const engine = createEngine({ store, clock: manualClock() })
      await engine.publish('crm', leadApp(), { ...ADMIN, system: true })
      const row = {
        data: { email: 'gone@example.com', score: 7 },
        options: { externalKey: 'K-9', importState: 'new' },
      }
      const [first] = await engine.importBatch('crm', 'lead', [row], ADMIN)
      if (!first?.ok) throw new Error('the first import was refused')
      const old = first.record
      await engine.remove?.(old.id, ADMIN, old.version)
      const [again] = await engine.importBatch('crm', 'lead', [row], ADMIN)
      expect(again).toMatchObject({ ok: true, outcome: 'created' })
      if (!again?.ok) return
      expect(again.record.id).not.toBe(old.id)
      // (on PostgreSQL the database is shared with the test above, so look at this row's email only)
      const listed = await engine.list('crm', 'lead', {}, ADMIN)
      const live = listed.items.filter((r) => r.data.email === 'gone@example.com')
      expect(live.map((r) => r.id)).toEqual([again.record.id])
      // the deleted record's history still says which source row it came from
      const deleted = await store.db
        .selectFrom('event')
        .select(['type', 'meta'])
        .where('record_id', '=', old.id)
        .orderBy('seq', 'desc')
        .executeTakeFirst()
      expect(deleted).toMatchObject({ type: 'deleted', meta: { externalKey: 'K-9' } })
      // a third import updates the new record, never the deleted one
      const [third] = await engine.importBatch(
        'crm',
        'lead',
        [{ ...row, data: { ...row.data, score: 8 } }],
        ADMIN,
      )
      expect(third).toMatchObject({ ok: true, outcome: 'updated', record: { id: again.record.id } })
    })
  })
}
