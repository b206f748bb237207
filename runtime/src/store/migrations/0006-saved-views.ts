import { type Kysely, type Migration, sql } from 'kysely'

/**
 * Saved views of a records table: per user, optionally shared with the app's members (all of them,
 * or one role). `settings` is the table setup (filters, search, sort, columns, widths); a name is
 * unique per owner and form.
 */
const up = [
  `create table saved_view (
    id uuid primary key default gen_random_uuid(),
    app text not null,
    form text not null,
    owner uuid not null references app_user(id) on delete cascade,
    name text not null,
    shared boolean not null default false,
    shared_role text,
    settings jsonb not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (app, form, owner, name)
  )`,
  `create index saved_view_form on saved_view (app, form)`,
]

export const savedViewsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const s of up) await sql.raw(s).execute(db)
  },
  async down(db: Kysely<unknown>) {
    await sql.raw('drop table if exists saved_view').execute(db)
  },
}
