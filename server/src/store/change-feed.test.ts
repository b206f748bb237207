import { testDatabases } from '@tessera/runtime'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import type { ChangeNotice } from '../server-store.js'
import { packNotices, postgresChangeFeed, unpackNotices } from './change-feed.js'
import { createServerStore } from './create-server-store.js'

for (const target of testDatabases()) {
  describe(`change feed on ${target.kind}`, () => {
    it('carries a notice from one server store to another on the same database', async () => {
      const a = await target.open()
      // PGlite is one process: both "servers" share it; PostgreSQL gets a second pool, as a second process would.
      const b = target.kind === 'pg' ? await target.open() : a
      const first = await createServerStore(a, target.url ? { databaseUrl: target.url } : {})
      const second = target.kind === 'pg' ? await createServerStore(b, { databaseUrl: target.url! }) : first
      try {
        const heard: ChangeNotice[] = []
        const off = second.changes.subscribe((n) => heard.push(n))
        const notice: ChangeNotice = {
          kind: 'record',
          app: 'desk',
          form: 'ticket',
          recordId: 'r1',
          version: 2,
        }
        // LISTEN takes a moment to be in place on a fresh connection; publish until it is heard.
        for (let i = 0; i < 50 && heard.length === 0; i++) {
          await first.changes.publish(notice)
          await new Promise((r) => setTimeout(r, 100))
        }
        off()
        expect(heard[0]).toEqual(notice)
      } finally {
        await first.close()
        if (second !== first) await second.close()
        await target.dispose()
      }
    })

    it('delivers every notice of a burst published together, each list notice once', async () => {
      const a = await target.open()
      const b = target.kind === 'pg' ? await target.open() : a
      const first = await createServerStore(a, target.url ? { databaseUrl: target.url } : {})
      const second = target.kind === 'pg' ? await createServerStore(b, { databaseUrl: target.url! }) : first
      try {
        const heard: ChangeNotice[] = []
        const off = second.changes.subscribe((n) => heard.push(n))
        const probe: ChangeNotice = { kind: 'list', app: 'probe', form: 'x' }
        for (let i = 0; i < 50 && heard.length === 0; i++) {
          await first.changes.publish(probe)
          await new Promise((r) => setTimeout(r, 100))
        }
        heard.length = 0
        const burst: ChangeNotice[] = Array.from({ length: 300 }, (_, i) => ({
          kind: 'record',
          app: 'desk',
          form: 'ticket',
          recordId: `r${i}`,
          version: 1,
        }))
        const list: ChangeNotice = { kind: 'list', app: 'desk', form: 'ticket' }
        await Promise.all(burst.flatMap((n) => [first.changes.publish(n), first.changes.publish(list)]))
        for (let i = 0; i < 50 && heard.length < burst.length + 1; i++)
          await new Promise((r) => setTimeout(r, 50))
        off()
        const records = heard.filter((n) => n.kind === 'record')
        expect(records).toEqual(burst)
        const lists = heard.filter((n) => n.kind === 'list').length
        expect(lists).toBeGreaterThanOrEqual(1)
        // PostgreSQL: the same list notice in one batch goes once (PGlite's emitter passes each on)
        if (target.kind === 'pg') expect(lists).toBeLessThan(burst.length)
      } finally {
        await first.close()
        if (second !== first) await second.close()
        await target.dispose()
      }
    })
  })
}

const pgTarget = testDatabases().find((t) => t.kind === 'pg')
describe.skipIf(!pgTarget)('change feed window on PostgreSQL', () => {
  it('sends the notices of separate turns within its window as one statement', async () => {
    const target = pgTarget!
    // the fresh database exists once a store is open on it
    const store = await target.open()
    let notifies = 0
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: target.url, max: 2 }) }),
      log: (event) => {
        if (event.query.sql.includes('pg_notify')) notifies++
      },
    })
    const feed = postgresChangeFeed(db, target.url!, 50)
    try {
      const notice = (i: number): ChangeNotice => ({
        kind: 'record',
        app: 'desk',
        form: 'ticket',
        recordId: `r${i}`,
      })
      const first = feed.publish(notice(1))
      // a later turn of the event loop, inside the window
      await new Promise((r) => setTimeout(r, 5))
      const second = feed.publish(notice(2))
      await Promise.all([first, second])
      expect(notifies).toBe(1)
    } finally {
      await feed.close()
      await db.destroy()
      await store.close()
      await target.dispose()
    }
  })
})

describe('notice payloads', () => {
  const notice = (i: number): ChangeNotice => ({
    kind: 'record',
    app: 'desk',
    form: 'ticket',
    recordId: `r${i}`,
  })

  it('packs distinct notices into JSON arrays under the size limit, in order', () => {
    const notices = Array.from({ length: 100 }, (_, i) => notice(i))
    const payloads = packNotices([...notices, notice(3)], 1000)
    expect(payloads.length).toBeGreaterThan(1)
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(1000)
    expect(payloads.flatMap(unpackNotices)).toEqual(notices)
  })

  it('reads a single notice from an older process and ignores foreign payloads', () => {
    expect(unpackNotices(JSON.stringify(notice(1)))).toEqual([notice(1)])
    expect(unpackNotices('not json')).toEqual([])
    expect(unpackNotices(JSON.stringify([{ kind: 'other' }, notice(2)]))).toEqual([notice(2)])
  })
})
