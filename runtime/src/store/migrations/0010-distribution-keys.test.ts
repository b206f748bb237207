import { randomUUID } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Database } from '../database.js'
import { migrateDownTo, migrateToLatest } from '../migrate.js'
import { testDatabases } from '../test-databases.js'

/** Takes a migrated database back to 0009 (every later migration undone), as a database that predates 0010 is. */
const backTo0009 = (db: Kysely<Database>) => migrateDownTo(db, '0009-list-indexes')

/** Rows as a 0009 database holds them: two apps, every table 0010 touches, and the odd cases. */
async function seed0009(db: Kysely<Database>) {
  const ids = { crm: randomUUID(), desk: randomUUID(), orphan: randomUUID() }
  const at = new Date('2026-01-01T00:00:00Z')
  for (const app of ['crm', 'desk'] as const) {
    const id = ids[app]
    await sql`insert into record (id, app, form, form_version, created_at, updated_at, version, data)
      values (${id}, ${app}, 'lead', 1, ${at}, ${at}, 2, '{}')`.execute(db)
    await sql`insert into workflow_instance (record_id, app, workflow, workflow_version, state, snapshot, updated_at)
      values (${id}, ${app}, 'flow', 1, 'open', '{}', ${at})`.execute(db)
    // the 0009 trigger writes automation_inbox rows (without app) for these
    await sql`insert into event (record_id, seq, type, at) values (${id}, 1, 'created', ${at}), (${id}, 2, 'updated', ${at})`.execute(
      db,
    )
    await sql`insert into timer (record_id, state, transition, due_at, created_at)
      values (${id}, 'open', 'expire', ${at}, ${at})`.execute(db)
    await sql`insert into outbox (kind, record_id, payload, idempotency_key, next_attempt_at, created_at)
      values ('webhook', ${id}, '{}', ${`webhook:${id}`}, ${at}, ${at})`.execute(db)
    await sql`insert into record_comment (record_id, body) values (${id}, 'kept')`.execute(db)
    await sql`insert into unique_value (app, form, field, value, record_id) values (${app}, 'lead', 'email', ${`${app}@x`}, ${id})`.execute(
      db,
    )
    await sql`insert into automation_run (app, automation, app_version, run_key, trigger, record_id, next_attempt_at, created_at)
      values (${app}, 'a', 1, ${`a:${id}`}, '{}', ${id}, ${at}, ${at})`.execute(db)
    await sql`insert into import_job (app, form) values (${app}, 'lead')`.execute(db)
  }
  // an automation's summary: no record, the app in its payload; and one that names no app at all
  await sql`insert into outbox (kind, record_id, payload, idempotency_key, next_attempt_at, created_at)
    values ('notify', null, '{"app": "desk", "channel": "robot"}', 'summary-1', ${at}, ${at}),
           ('webhook', null, '{"url": "http://x"}', 'no-app-1', ${at}, ${at})`.execute(db)
  // an inbox entry whose record (and so its event) is gone
  await sql`insert into automation_inbox (event_id, record_id, at) values (${randomUUID()}, ${ids.orphan}, ${at})`.execute(
    db,
  )
  return ids
}

/** Rows of `table` per app, as `app:count` sorted. */
async function perApp(db: Kysely<Database>, table: string): Promise<string[]> {
  const r = await sql<{ app: string; n: number }>`
    select app, count(*)::int as n from ${sql.table(table)} group by app order by app`.execute(db)
  return r.rows.map((x) => `${x.app}:${x.n}`)
}

/** A database of its own for each test (on PostgreSQL the target's one database is shared by its tests). */
async function fresh<T>(
  kind: 'pglite' | 'pg',
  run: (db: Kysely<Database>, kind: 'pglite' | 'pg') => Promise<T>,
) {
  const target = testDatabases().find((t) => t.kind === kind)
  if (!target) throw new Error(`no ${kind} target`)
  try {
    const store = await target.open()
    return await run(store.db, store.kind)
  } finally {
    await target.dispose()
  }
}

for (const { kind: targetKind } of testDatabases()) {
  describe(`migration 0010 on a populated ${targetKind} database`, () => {
    it('gives every existing row the app of its record (or its payload), and keeps them all', () =>
      fresh(targetKind, async (db, kind) => {
        await backTo0009(db)
        const ids = await seed0009(db)
        await migrateToLatest(db, kind)

        for (const table of ['event', 'automation_inbox'])
          expect(await perApp(db, table), table).toEqual(['crm:2', 'desk:2'])
        for (const table of ['timer', 'record_comment', 'workflow_instance', 'automation_run', 'import_job'])
          expect(await perApp(db, table), table).toEqual(['crm:1', 'desk:1'])
        // the record's app first, the payload's when there is no record, '' when neither names one
        expect(await perApp(db, 'outbox')).toEqual([':1', 'crm:1', 'desk:2'])
        const byKey = await sql<{ idempotency_key: string; app: string }>`
        select idempotency_key, app from outbox order by idempotency_key`.execute(db)
        expect(byKey.rows).toContainEqual({ idempotency_key: 'summary-1', app: 'desk' })
        expect(byKey.rows).toContainEqual({ idempotency_key: `webhook:${ids.crm}`, app: 'crm' })
        const orphans = await sql<{ n: number }>`
        select count(*)::int as n from automation_inbox where record_id = ${ids.orphan}`.execute(db)
        expect(orphans.rows[0]?.n).toBe(0)
      }))

    it('keeps the keys working: a second (record, seq) is refused, a new event lands in the inbox with its app, a deleted record takes its rows', () =>
      fresh(targetKind, async (db, kind) => {
        await backTo0009(db)
        const ids = await seed0009(db)
        await migrateToLatest(db, kind)
        const at = new Date()

        const dup =
          await sql`insert into event (app, record_id, seq, type, at) values ('crm', ${ids.crm}, 1, 'again', ${at})`
            .execute(db)
            .catch((e: unknown) => e)
        expect(String(dup)).toMatch(/duplicate key/)
        // a row naming another app than its record's is refused by the foreign key
        const wrongApp =
          await sql`insert into event (app, record_id, seq, type, at) values ('desk', ${ids.crm}, 3, 'x', ${at})`
            .execute(db)
            .catch((e: unknown) => e)
        expect(String(wrongApp)).toMatch(/foreign key/)

        await sql`insert into event (app, record_id, seq, type, at) values ('crm', ${ids.crm}, 3, 'updated', ${at})`.execute(
          db,
        )
        expect(await perApp(db, 'automation_inbox')).toEqual(['crm:3', 'desk:2'])

        await sql`delete from record where id = ${ids.desk}`.execute(db)
        for (const table of ['event', 'timer', 'record_comment', 'workflow_instance', 'unique_value'])
          expect(await perApp(db, table), table).not.toContainEqual(expect.stringMatching(/^desk:/))
      }))
  })
}
