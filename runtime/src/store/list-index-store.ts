import { createHash } from 'node:crypto'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Database } from './database.js'

/** A field of a form whose list order (and range filters) an index should serve. */
export interface WantedListIndex {
  form: string
  field: string
  /** the field's list expression over `data`, with its key written in (`indexableColumn`) */
  column: RawBuilder<unknown>
}

/** What a sync did; an index that failed is left to the next publish, the list still works without it. */
export interface ListIndexSync {
  created: string[]
  dropped: string[]
  failed: { name: string; error: string }[]
}

/** An arbitrary int4: with an int4 from the app key, the advisory lock of one app's index sync. */
const SYNC_LOCK = 736_120_452

/** Named by what it indexes, so a field that changes kind gets a new index and the old one goes. */
const indexName = (app: string, form: string, field: string, expr: string) =>
  `record_by_${createHash('sha1').update(`${app}\u0000${form}\u0000${field}\u0000${expr}`).digest('hex').slice(0, 24)}`

/**
 * Brings an app's per-field list indexes to `wanted` (of the latest version, read by `latest` under
 * the lock): builds the missing ones and drops those no field asks for any more. On PostgreSQL the
 * builds and drops are CONCURRENTLY, so records are written meanwhile (this runs outside any
 * transaction), and a session advisory lock keeps two processes publishing one app in step: the
 * last sync sees the last version. A build that failed leaves an invalid index; it is dropped and
 * built again. The index leads with (app, form) and keeps the list's order, `desc nulls first, id
 * desc`, which a backward scan turns into the ascending order.
 */
export async function syncListIndexes(
  db: Kysely<Database>,
  kind: 'pglite' | 'pg',
  app: string,
  /** reads on the sync's own connection (PGlite has one, held here) */
  latest: (conn: Kysely<Database>) => Promise<WantedListIndex[]>,
): Promise<ListIndexSync> {
  const done: ListIndexSync = { created: [], dropped: [], failed: [] }
  const concurrently = sql.raw(kind === 'pg' ? 'concurrently' : '')
  const appLock = Number.parseInt(createHash('sha1').update(app).digest('hex').slice(0, 7), 16)
  await db.connection().execute(async (conn) => {
    if (kind === 'pg') await sql`select pg_advisory_lock(${SYNC_LOCK}, ${appLock})`.execute(conn)
    try {
      const wanted = new Map(
        (await latest(conn)).map((w) => {
          const compiled = w.column.compile(conn)
          if (compiled.parameters.length > 0) throw new Error(`index expression of ${w.field} has parameters`)
          return [indexName(app, w.form, w.field, compiled.sql), { ...w, expr: compiled.sql }] as const
        }),
      )
      const existing = await conn.selectFrom('list_index').select('name').where('app', '=', app).execute()
      for (const { name } of existing) {
        if (wanted.has(name)) continue
        await attempt(done, name, async () => {
          await sql`drop index ${concurrently} if exists ${sql.id(name)}`.execute(conn)
          await conn.deleteFrom('list_index').where('app', '=', app).where('name', '=', name).execute()
          done.dropped.push(name)
        })
      }
      for (const [name, w] of wanted)
        await attempt(done, name, async () => {
          await conn
            .insertInto('list_index')
            .values({ app, name, form: w.form, field: w.field })
            .onConflict((oc) => oc.columns(['app', 'name']).doNothing())
            .execute()
          const found = await sql<{ valid: boolean }>`
            select i.indisvalid as valid from pg_class c join pg_index i on i.indexrelid = c.oid
            where c.relname = ${name}`.execute(conn)
          const valid = found.rows[0]?.valid
          if (valid === true) return
          if (valid === false) await sql`drop index ${concurrently} if exists ${sql.id(name)}`.execute(conn)
          await sql`
            create index ${concurrently} if not exists ${sql.id(name)}
            on record (app, form, (${sql.raw(w.expr)}) desc nulls first, id desc)
            where deleted_at is null and is_draft = false`.execute(conn)
          done.created.push(name)
        })
    } finally {
      if (kind === 'pg') await sql`select pg_advisory_unlock(${SYNC_LOCK}, ${appLock})`.execute(conn)
    }
  })
  return done
}

async function attempt(done: ListIndexSync, name: string, step: () => Promise<void>) {
  try {
    await step()
  } catch (e) {
    done.failed.push({ name, error: e instanceof Error ? e.message : String(e) })
  }
}
