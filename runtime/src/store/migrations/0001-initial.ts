import { type Kysely, type Migration, sql } from 'kysely'

/** The first schema. Raw DDL reads closest to what PostgreSQL keeps; every statement is idempotent-safe
 * because the Migrator runs it once, under a lock (see migrate.ts). */
const statements = [
  `create extension if not exists pg_trgm`,
  `create table app (
    key text primary key,
    name jsonb not null,
    draft jsonb,
    published_version integer,
    created_by uuid,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create table app_version (
    app text not null references app(key),
    version integer not null,
    definition jsonb not null,
    migration jsonb,
    published_by uuid,
    published_at timestamptz not null default now(),
    primary key (app, version)
  )`,
  `create table app_user (
    id uuid primary key default gen_random_uuid(),
    email text not null unique,
    email_display text not null,
    name text not null,
    password_hash text,
    is_admin boolean not null default false,
    active boolean not null default true,
    created_at timestamptz not null default now()
  )`,
  `create table membership (
    app text not null references app(key),
    user_id uuid not null references app_user(id),
    roles text[] not null default '{}',
    attributes jsonb not null default '{}',
    available boolean not null default true,
    created_at timestamptz not null default clock_timestamp(),
    primary key (app, user_id)
  )`,
  `create index membership_roles on membership using gin (roles)`,
  `create table record (
    id uuid primary key default gen_random_uuid(),
    app text not null,
    form text not null,
    form_version integer not null,
    owner uuid,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version integer not null default 1,
    data jsonb not null,
    search text not null default '',
    external_key text,
    duplicate_of uuid,
    is_draft boolean not null default false,
    deleted_at timestamptz
  )`,
  `create index record_list on record (app, form, created_at, id)`,
  `create index record_updated on record (app, form, updated_at, id)`,
  `create index record_owner on record (app, form, owner)`,
  `create index record_data on record using gin (data jsonb_path_ops)`,
  `create index record_search on record using gin (search gin_trgm_ops)`,
  `create unique index record_external_key on record (app, form, external_key) where external_key is not null`,
  `create table workflow_instance (
    record_id uuid primary key references record(id) on delete cascade,
    app text not null,
    workflow text not null,
    workflow_version integer not null,
    state text not null,
    snapshot jsonb not null,
    assignee uuid,
    approval jsonb,
    needs_migration boolean not null default false,
    updated_at timestamptz not null
  )`,
  `create index instance_state on workflow_instance (app, workflow, state)`,
  `create index instance_assignee on workflow_instance (assignee)`,
  `create table event (
    id uuid primary key default gen_random_uuid(),
    record_id uuid not null references record(id) on delete cascade,
    seq integer not null,
    type text not null,
    actor uuid,
    at timestamptz not null,
    transition text,
    from_state text,
    to_state text,
    diff jsonb not null default '{}',
    meta jsonb,
    unique (record_id, seq)
  )`,
  `create table timer (
    id uuid primary key default gen_random_uuid(),
    record_id uuid not null references record(id) on delete cascade,
    state text not null,
    transition text not null,
    due_at timestamptz not null,
    status text not null default 'armed',
    claimed_by text,
    fired_at timestamptz,
    last_error text,
    created_at timestamptz not null
  )`,
  `create index timer_due on timer (status, due_at)`,
  `create index timer_record on timer (record_id, status)`,
  `create table outbox (
    id uuid primary key default gen_random_uuid(),
    kind text not null,
    record_id uuid,
    payload jsonb not null,
    idempotency_key text not null unique,
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    status text not null default 'pending',
    last_error text,
    delivered_at timestamptz,
    created_at timestamptz not null
  )`,
  `create index outbox_pending on outbox (status, next_attempt_at)`,
  `create table serial_counter (
    app text not null,
    form text not null,
    field text not null,
    period text not null default '',
    value bigint not null,
    primary key (app, form, field, period)
  )`,
  `create table unique_value (
    app text not null,
    form text not null,
    field text not null,
    value text not null,
    record_id uuid not null references record(id) on delete cascade,
    primary key (app, form, field, value)
  )`,
  `create index unique_value_record on unique_value (record_id)`,
  `create table round_robin (
    app text not null,
    rule_key text not null,
    last_user uuid,
    updated_at timestamptz not null,
    primary key (app, rule_key)
  )`,
  `create table session (
    id text primary key,
    user_id uuid not null references app_user(id) on delete cascade,
    csrf_token text not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
  )`,
  `create index session_expiry on session (expires_at)`,
  `create table api_token (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references app_user(id) on delete cascade,
    name text not null,
    token_hash text not null unique,
    created_at timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at timestamptz
  )`,
  `create table file (
    id uuid primary key default gen_random_uuid(),
    owner uuid,
    app text,
    name text not null,
    size bigint not null,
    type text not null,
    sha256 text,
    status text not null default 'pending',
    storage_key text not null,
    created_at timestamptz not null default now(),
    completed_at timestamptz
  )`,
  `create table import_job (
    id uuid primary key default gen_random_uuid(),
    app text not null,
    form text not null,
    status text not null default 'pending',
    created_by uuid,
    file_name text,
    total integer not null default 0,
    processed integer not null default 0,
    created integer not null default 0,
    updated integer not null default 0,
    failed integer not null default 0,
    errors jsonb not null default '[]',
    options jsonb not null default '{}',
    created_at timestamptz not null default now(),
    finished_at timestamptz
  )`,
  `create table audit (
    id bigserial primary key,
    at timestamptz not null default now(),
    actor uuid,
    action text not null,
    target text,
    details jsonb
  )`,
]

const tables = [
  'audit',
  'import_job',
  'file',
  'api_token',
  'session',
  'round_robin',
  'unique_value',
  'serial_counter',
  'outbox',
  'timer',
  'event',
  'workflow_instance',
  'record',
  'membership',
  'app_user',
  'app_version',
  'app',
]

export const initialMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db)
  },
  async down(db: Kysely<unknown>) {
    for (const table of tables) await sql.raw(`drop table if exists ${table} cascade`).execute(db)
  },
}
