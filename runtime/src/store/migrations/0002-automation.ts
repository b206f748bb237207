import { type Kysely, type Migration, sql } from 'kysely'

/**
 * Automations (issue 9). Every event row also lands in `automation_inbox` by a trigger, in the
 * transaction that wrote it: the worker drains the inbox with SKIP LOCKED instead of following a
 * cursor, because event ids are random and timestamps are taken at transaction start, so a cursor
 * could skip an event that commits late. `automation_run.run_key` (automation + event, or + schedule
 * slot) makes each run exist once, whatever number of processes race to create it.
 */
const up = [
  `create table automation_inbox (
    event_id uuid primary key,
    record_id uuid not null,
    at timestamptz not null
  )`,
  `create index automation_inbox_at on automation_inbox (at)`,
  `create function tessera_automation_inbox() returns trigger language plpgsql as $$
   begin
     insert into automation_inbox (event_id, record_id, at) values (new.id, new.record_id, new.at);
     return new;
   end $$`,
  `create trigger event_automation_inbox after insert on event
   for each row execute function tessera_automation_inbox()`,
  `create table automation_schedule (
    app text not null,
    automation text not null,
    last_slot timestamptz not null,
    primary key (app, automation)
  )`,
  `create table automation_run (
    id uuid primary key default gen_random_uuid(),
    app text not null,
    automation text not null,
    app_version integer not null,
    run_key text not null unique,
    trigger jsonb not null,
    record_id uuid,
    chain jsonb not null default '[]',
    status text not null default 'pending',
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    lease_until timestamptz,
    claimed_by text,
    input jsonb not null default '{}',
    output jsonb,
    error jsonb,
    created_at timestamptz not null,
    started_at timestamptz,
    finished_at timestamptz
  )`,
  `create index automation_run_due on automation_run (status, next_attempt_at)`,
  `create index automation_run_log on automation_run (app, automation, created_at desc)`,
  `create index automation_run_record on automation_run (record_id, created_at)`,
]

const down = [
  `drop table if exists automation_run`,
  `drop table if exists automation_schedule`,
  `drop trigger if exists event_automation_inbox on event`,
  `drop function if exists tessera_automation_inbox()`,
  `drop table if exists automation_inbox`,
]

export const automationMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const s of up) await sql.raw(s).execute(db)
  },
  async down(db: Kysely<unknown>) {
    for (const s of down) await sql.raw(s).execute(db)
  },
}
