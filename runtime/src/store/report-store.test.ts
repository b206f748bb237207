import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../engine/engine.js'
import { ADMIN, leadApp, manualClock } from '../engine/test-kit.js'
import { isTesseraError } from '../errors.js'
import type { Store } from './dialect.js'
import { type ReportQuery, createReportStore } from './report-store.js'
import { testDatabases } from './test-databases.js'

const DAY = 86_400_000

for (const target of testDatabases()) {
  describe(`report store on ${target.kind}`, () => {
    let store: Store
    const owner = randomUUID()
    const fields = leadApp().forms[0]?.fields ?? []
    const base: ReportQuery = { app: 'crm', form: 'lead', fields }
    const clock = manualClock('2026-03-02T09:00:00.000Z')

    beforeAll(async () => {
      store = await target.open()
      const engine = createEngine({ store, clock })
      await engine.publish('crm', leadApp(), { ...ADMIN, system: true })
      // an admin with a user id owns what it submits: the scoped reads below see those two
      const mine = { userId: owner, isAdmin: true, via: 'test' }
      await engine.submit(
        'crm',
        'lead',
        { email: 'a@x.test', region: 'East', score: 10, amount: '0.10' },
        mine,
      )
      await engine.submit(
        'crm',
        'lead',
        { email: 'b@x.test', region: 'East', score: 20, amount: '0.20' },
        mine,
      )
      clock.advance(7 * DAY)
      await engine.submit(
        'crm',
        'lead',
        { email: 'c@x.test', region: 'West', score: 30, amount: '10.05' },
        ADMIN,
      )
      await engine.submit('crm', 'lead', { email: 'd@x.test', region: 'West', score: 40 }, ADMIN)
    })
    afterAll(async () => {
      await store?.close()
      await target.dispose()
    })

    it('sums money exactly per group and counts as numbers', async () => {
      const reports = createReportStore(store.db)
      expect(await reports.aggregate(base, 'region', { op: 'sum', field: 'amount' })).toEqual([
        { key: 'East', value: '0.30', count: 2 },
        { key: 'West', value: '10.05', count: 2 },
      ])
      expect(await reports.aggregate(base, 'state', { op: 'count' })).toEqual([
        { key: 'new', value: 4, count: 4 },
      ])
    })

    it('averages, medians and extremes a money field at its decimals', async () => {
      const reports = createReportStore(store.db)
      const one = async (op: 'avg' | 'median' | 'min' | 'max') =>
        (await reports.aggregate(base, undefined, { op, field: 'amount' }))[0]?.value
      expect(await one('avg')).toBe('3.45')
      expect(await one('median')).toBe('0.20')
      expect(await one('min')).toBe('0.10')
      expect(await one('max')).toBe('10.05')
    })

    it("applies the list API's filter, the date range and the row scope", async () => {
      const reports = createReportStore(store.db)
      const count = async (q: Partial<ReportQuery>) =>
        (await reports.aggregate({ ...base, ...q }, undefined, { op: 'count' }))[0]?.value ?? 0
      expect(await count({ filter: { score: { gte: 20 } } })).toBe(3)
      expect(await count({ from: new Date('2026-03-03T00:00:00Z') })).toBe(2)
      expect(await count({ to: new Date('2026-03-03T00:00:00Z') })).toBe(2)
      expect(await count({ scope: { users: [owner] } })).toBe(2)
      expect(await count({ scope: { users: [randomUUID()] } })).toBe(0)
    })

    it('counts leads per week (Mondays) and per group', async () => {
      const reports = createReportStore(store.db)
      expect(await reports.timeSeries(base, { bucket: 'week' }, 'region', 'UTC')).toEqual([
        { key: '2026-03-02', group: 'East', value: 2, count: 2 },
        { key: '2026-03-09', group: 'West', value: 2, count: 2 },
      ])
      expect(await reports.timeSeries(base, { bucket: 'month' }, undefined, 'UTC')).toEqual([
        { key: '2026-03-01', value: 4, count: 4 },
      ])
      expect(
        await reports.timeSeries(base, { field: 'created_at', bucket: 'day' }, undefined, 'UTC'),
      ).toEqual([
        { key: '2026-03-02', value: 2, count: 2 },
        { key: '2026-03-09', value: 2, count: 2 },
      ])
    })

    it('refuses to group by an unknown or hidden field, or to sum a text field, naming it', async () => {
      const reports = createReportStore(store.db)
      const refusal = async (p: Promise<unknown>) => {
        const e = await p.then(
          () => undefined,
          (err: unknown) => err,
        )
        return isTesseraError(e) ? [e.code, (e.details as { key?: string }).key] : e
      }
      expect(await refusal(reports.aggregate(base, 'nope', { op: 'count' }))).toEqual(['BAD_REQUEST', 'nope'])
      expect(
        await refusal(
          reports.aggregate({ ...base, hidden: new Set(['secret_note']) }, 'secret_note', { op: 'count' }),
        ),
      ).toEqual(['BAD_REQUEST', 'secret_note'])
      expect(await refusal(reports.aggregate(base, undefined, { op: 'sum', field: 'company' }))).toEqual([
        'BAD_REQUEST',
        'company',
      ])
      expect(
        await refusal(reports.timeSeries(base, { field: 'company', bucket: 'week' }, undefined, 'UTC')),
      ).toEqual(['BAD_REQUEST', 'company'])
      expect(await refusal(reports.aggregate(base, 'region', { op: 'count' }, 'region'))).toEqual([
        'BAD_REQUEST',
        'region',
      ])
    })
  })
}
