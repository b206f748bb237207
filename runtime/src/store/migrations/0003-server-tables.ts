import { type Kysely, type Migration, sql } from 'kysely'

/**
 * The server's two tables, public form links and record comments, until now created by the
 * server at every start. Every statement is `if not exists`: a database where an earlier server
 * already created them upgrades without a change, and one without them gets them here.
 */
const up = [
  `create table if not exists public_link (
    token_hash text primary key,
    token text not null,
    app text not null,
    form text not null,
    created_by uuid,
    created_at timestamptz not null default now(),
    revoked_at timestamptz
  )`,
  `create table if not exists record_comment (
    id uuid primary key default gen_random_uuid(),
    record_id uuid not null references record(id) on delete cascade,
    author uuid,
    body text not null,
    at timestamptz not null default now()
  )`,
  `create index if not exists record_comment_record on record_comment (record_id, at)`,
]

const down = [`drop table if exists record_comment`, `drop table if exists public_link`]

export const serverTablesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const s of up) await sql.raw(s).execute(db)
  },
  async down(db: Kysely<unknown>) {
    for (const s of down) await sql.raw(s).execute(db)
  },
}
