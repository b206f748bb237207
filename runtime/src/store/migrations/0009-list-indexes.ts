import { type Kysely, type Migration, sql } from 'kysely'

/**
 * The per-field list indexes Tessera created for an app's views (list-index-store.ts). The row is
 * written before its index is built and deleted after it is dropped, so an index never outlives the
 * row that lets a later publish drop it. Keyed by app first, as a table distributed by app needs.
 */
const up = [
  `create table list_index (
    app text not null,
    name text not null,
    form text not null,
    field text not null,
    created_at timestamptz not null default now(),
    primary key (app, name)
  )`,
]

export const listIndexesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const s of up) await sql.raw(s).execute(db)
  },
  async down(db: Kysely<unknown>) {
    const rows = await sql<{ name: string }>`select name from list_index`.execute(db)
    for (const r of rows.rows) await sql`drop index if exists ${sql.id(r.name)}`.execute(db)
    await sql.raw('drop table if exists list_index').execute(db)
  },
}
