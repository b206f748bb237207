import { type Kysely, type Migration, sql } from 'kysely'

/**
 * The distribution key everywhere (issue 8, docs/scale.md "Citus"): every per-app table carries
 * `app`, NOT NULL, in every primary key and unique index, and the foreign keys into `record` carry
 * it on both sides. Citus needs this to place a record with its events, timers and outbox rows on
 * one shard; declarative partitioning by app needs the same.
 *
 * Keys put `app` last (`(id, app)`, not `(app, id)`): Citus only needs the column in the key, and
 * id first keeps `where id = $1` without the app (a record by URL, a timer or outbox row by id) on
 * the primary key, with no second index on the hottest tables. A lookup that knows the app uses
 * the same key, and on Citus it is routed to one shard by it.
 *
 * Backfill: event, timer and record_comment rows take the app of their record (a foreign key
 * guarantees one). An outbox row takes its record's app, else the `app` of its payload (every
 * message Tessera writes names it), else '': kept and still delivered, on a shard of its own. An
 * automation_inbox row whose record is gone points at an event that went with it (cascade): the
 * worker would drop it unread, so the migration drops it.
 *
 * Cost on a populated database: one pass per table to fill the column, then one build of each
 * new key; the old keys are dropped before the fill so it does not also update them.
 */
const FKS_TO_RECORD = ['workflow_instance', 'event', 'timer', 'unique_value', 'record_comment']

/** Primary keys and unique constraints replaced: table, constraint name, old columns, new columns. */
const KEYS: { table: string; name: string; kind: 'primary key' | 'unique'; from: string; to: string }[] = [
  { table: 'record', name: 'record_pkey', kind: 'primary key', from: 'id', to: 'id, app' },
  {
    table: 'workflow_instance',
    name: 'workflow_instance_pkey',
    kind: 'primary key',
    from: 'record_id',
    to: 'record_id, app',
  },
  { table: 'event', name: 'event_pkey', kind: 'primary key', from: 'id', to: 'id, app' },
  {
    table: 'event',
    name: 'event_record_id_seq_key',
    kind: 'unique',
    from: 'record_id, seq',
    to: 'record_id, seq, app',
  },
  { table: 'timer', name: 'timer_pkey', kind: 'primary key', from: 'id', to: 'id, app' },
  { table: 'outbox', name: 'outbox_pkey', kind: 'primary key', from: 'id', to: 'id, app' },
  {
    table: 'outbox',
    name: 'outbox_idempotency_key_key',
    kind: 'unique',
    from: 'idempotency_key',
    to: 'idempotency_key, app',
  },
  { table: 'record_comment', name: 'record_comment_pkey', kind: 'primary key', from: 'id', to: 'id, app' },
  {
    table: 'automation_inbox',
    name: 'automation_inbox_pkey',
    kind: 'primary key',
    from: 'event_id',
    to: 'event_id, app',
  },
  { table: 'automation_run', name: 'automation_run_pkey', kind: 'primary key', from: 'id', to: 'id, app' },
  {
    table: 'automation_run',
    name: 'automation_run_run_key_key',
    kind: 'unique',
    from: 'run_key',
    to: 'run_key, app',
  },
  { table: 'import_job', name: 'import_job_pkey', kind: 'primary key', from: 'id', to: 'id, app' },
]

/** The tables that gain the column, and how each row finds its app. */
const BACKFILL: { table: string; fill: string[] }[] = [
  { table: 'event', fill: ['update event t set app = r.app from record r where r.id = t.record_id'] },
  { table: 'timer', fill: ['update timer t set app = r.app from record r where r.id = t.record_id'] },
  {
    table: 'record_comment',
    fill: ['update record_comment t set app = r.app from record r where r.id = t.record_id'],
  },
  {
    table: 'outbox',
    fill: [
      'update outbox t set app = r.app from record r where r.id = t.record_id',
      `update outbox set app = coalesce(payload->>'app', '') where app is null`,
    ],
  },
  {
    table: 'automation_inbox',
    fill: [
      'update automation_inbox t set app = r.app from record r where r.id = t.record_id',
      'delete from automation_inbox where app is null',
    ],
  },
]

const inboxTrigger = (withApp: boolean) => `create or replace function tessera_automation_inbox()
  returns trigger language plpgsql as $$
  begin
    insert into automation_inbox (event_id, ${withApp ? 'app, ' : ''}record_id, at)
    values (new.id, ${withApp ? 'new.app, ' : ''}new.record_id, new.at);
    return new;
  end $$`

/** Drops every foreign key from `table` into `record`, whatever an older database named it. */
async function dropFksToRecord(db: Kysely<unknown>, table: string): Promise<void> {
  const r = await sql<{ name: string }>`
    select k.conname as name from pg_constraint k
    where k.contype = 'f' and k.conrelid = ${table}::regclass and k.confrelid = 'record'::regclass`.execute(
    db,
  )
  for (const { name } of r.rows)
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(name)}`.execute(db)
}

export const distributionKeysMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const t of FKS_TO_RECORD) await dropFksToRecord(db, t)
    for (const k of KEYS)
      await sql.raw(`alter table ${k.table} drop constraint if exists ${k.name}`).execute(db)
    for (const { table, fill } of BACKFILL) {
      await sql.raw(`alter table ${table} add column app text`).execute(db)
      for (const s of fill) await sql.raw(s).execute(db)
      await sql.raw(`alter table ${table} alter column app set not null`).execute(db)
    }
    for (const k of KEYS)
      await sql.raw(`alter table ${k.table} add constraint ${k.name} ${k.kind} (${k.to})`).execute(db)
    for (const t of FKS_TO_RECORD)
      await sql
        .raw(
          `alter table ${t} add constraint ${t}_record_fkey foreign key (record_id, app)
           references record (id, app) on delete cascade`,
        )
        .execute(db)
    await sql.raw(inboxTrigger(true)).execute(db)
  },
  async down(db: Kysely<unknown>) {
    await sql.raw(inboxTrigger(false)).execute(db)
    for (const t of FKS_TO_RECORD) await dropFksToRecord(db, t)
    for (const k of KEYS)
      await sql.raw(`alter table ${k.table} drop constraint if exists ${k.name}`).execute(db)
    for (const k of KEYS)
      await sql.raw(`alter table ${k.table} add constraint ${k.name} ${k.kind} (${k.from})`).execute(db)
    for (const { table } of BACKFILL) await sql.raw(`alter table ${table} drop column app`).execute(db)
    for (const t of FKS_TO_RECORD)
      await sql
        .raw(
          `alter table ${t} add constraint ${t}_record_id_fkey foreign key (record_id)
           references record (id) on delete cascade`,
        )
        .execute(db)
  },
}
