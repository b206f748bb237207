import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

/**
 * The tables of the store. Field values live in `record.data` (jsonb) next to typed system columns.
 * Timestamps come back as `Date`, numerics as decimal strings, counts as numbers (see dialect.ts).
 */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T = unknown> = ColumnType<T, string, string>

export interface AppTable {
  key: string
  name: Json
  draft: Json | null
  published_version: number | null
  created_by: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface AppVersionTable {
  app: string
  version: number
  definition: Json
  migration: Json | null
  published_by: string | null
  published_at: Generated<Date>
}

export interface RecordTable {
  id: Generated<string>
  app: string
  form: string
  form_version: number
  owner: string | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
  data: Json<Record<string, unknown>>
  /** lower-cased text of the text-like fields, searched with pg_trgm */
  search: Generated<string>
  external_key: string | null
  duplicate_of: string | null
  is_draft: Generated<boolean>
  deleted_at: Date | null
}

export interface WorkflowInstanceTable {
  record_id: string
  app: string
  workflow: string
  workflow_version: number
  state: string
  snapshot: Json
  assignee: string | null
  /** approval states: who is asked and what they decided */
  approval: Json | null
  needs_migration: Generated<boolean>
  updated_at: Timestamp
}

export interface EventTable {
  id: Generated<string>
  /** the distribution key (migration 0010) */
  app: string
  record_id: string
  seq: number
  type: string
  actor: string | null
  at: Timestamp
  transition: string | null
  from_state: string | null
  to_state: string | null
  diff: Json<Record<string, [unknown, unknown]>>
  meta: Json<Record<string, unknown>> | null
}

export interface TimerTable {
  id: Generated<string>
  /** the distribution key (migration 0010) */
  app: string
  record_id: string
  state: string
  transition: string
  due_at: Timestamp
  status: 'armed' | 'fired' | 'cancelled' | 'failed'
  claimed_by: string | null
  fired_at: Date | null
  last_error: string | null
  created_at: Timestamp
}

export interface OutboxTable {
  id: Generated<string>
  /** the distribution key (migration 0010) */
  app: string
  kind: 'notify' | 'webhook'
  record_id: string | null
  payload: Json<Record<string, unknown>>
  idempotency_key: string
  attempts: Generated<number>
  next_attempt_at: Timestamp
  status: 'pending' | 'delivered' | 'dead'
  last_error: string | null
  delivered_at: Date | null
  created_at: Timestamp
}

export interface SerialCounterTable {
  app: string
  form: string
  field: string
  period: string
  value: number
}

export interface UniqueValueTable {
  app: string
  form: string
  field: string
  value: string
  record_id: string
}

export interface RoundRobinTable {
  app: string
  rule_key: string
  last_user: string | null
  updated_at: Timestamp
}

export interface AppUserTable {
  id: Generated<string>
  /** normalized: trimmed, lower-cased */
  email: string
  email_display: string
  name: string
  password_hash: string | null
  is_admin: Generated<boolean>
  active: Generated<boolean>
  created_at: Generated<Date>
}

export interface MembershipTable {
  app: string
  user_id: string
  roles: ColumnType<string[], string[], string[]>
  attributes: Json<Record<string, unknown>>
  /** false while on leave: kept in the app, skipped by assignment */
  available: Generated<boolean>
  created_at: Generated<Date>
}

/** A department of the platform's tree (migration 0005); `parent` null is a root. */
export interface DepartmentTable {
  key: string
  name: string
  parent: string | null
  head: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface DepartmentMemberTable {
  department: string
  user_id: string
  created_at: Generated<Date>
}

export interface SessionTable {
  /** sha256 of the cookie token; the token itself is never stored */
  id: string
  user_id: string
  csrf_token: string
  created_at: Generated<Date>
  expires_at: Timestamp
}

export interface ApiTokenTable {
  id: Generated<string>
  user_id: string
  name: string
  token_hash: string
  created_at: Generated<Date>
  last_used_at: Date | null
  revoked_at: Date | null
}

export interface FileTable {
  id: Generated<string>
  owner: string | null
  app: string | null
  name: string
  size: number
  type: string
  sha256: string | null
  status: 'pending' | 'completed' | 'failed'
  storage_key: string
  created_at: Generated<Date>
  completed_at: Date | null
}

export interface ImportJobTable {
  id: Generated<string>
  app: string
  form: string
  status: 'pending' | 'running' | 'done' | 'failed'
  created_by: string | null
  file_name: string | null
  total: Generated<number>
  processed: Generated<number>
  created: Generated<number>
  updated: Generated<number>
  failed: Generated<number>
  errors: Json<unknown[]>
  options: Json<Record<string, unknown>>
  created_at: Generated<Date>
  finished_at: Date | null
  /** `host:pid:token` of the process running it (migration 0005) */
  runner: Generated<string | null>
  heartbeat_at: Generated<Date | null>
  /** rows not written: unchanged, or duplicates (migration 0011) */
  skipped: Generated<number>
  /** how the file was decoded (migration 0011) */
  encoding: Generated<string | null>
  /** the CSV's separator as read (migration 0012) */
  delimiter: Generated<string | null>
  /** headers no field took (migration 0011) */
  unmapped_columns: ColumnType<string[], string | undefined, string>
}

/** A delivered notification, per recipient and channel (migration 0007-notifications). */
export interface NotificationTable {
  id: Generated<string>
  outbox_key: string
  channel: 'inapp' | 'email'
  user_id: string
  app: string
  form: string | null
  record_id: string | null
  payload: Json<Record<string, unknown>>
  created_at: Timestamp
  read_at: Date | null
}

export interface AuditTable {
  id: Generated<number>
  at: Generated<Date>
  actor: string | null
  action: string
  target: string | null
  details: Json<Record<string, unknown>> | null
}

/** A per-field list index Tessera built for an app (list-index-store.ts). */
export interface ListIndexTable {
  app: string
  name: string
  form: string
  field: string
  created_at: Generated<Date>
}

export interface Database {
  app: AppTable
  app_version: AppVersionTable
  record: RecordTable
  workflow_instance: WorkflowInstanceTable
  event: EventTable
  timer: TimerTable
  outbox: OutboxTable
  serial_counter: SerialCounterTable
  unique_value: UniqueValueTable
  round_robin: RoundRobinTable
  app_user: AppUserTable
  membership: MembershipTable
  department: DepartmentTable
  department_member: DepartmentMemberTable
  session: SessionTable
  api_token: ApiTokenTable
  file: FileTable
  import_job: ImportJobTable
  audit: AuditTable
  notification: NotificationTable
  list_index: ListIndexTable
}

export type RecordRow = Selectable<RecordTable>
export type NewRecordRow = Insertable<RecordTable>
export type RecordUpdate = Updateable<RecordTable>
export type InstanceRow = Selectable<WorkflowInstanceTable>
export type EventRow = Selectable<EventTable>
export type TimerRow = Selectable<TimerTable>
export type OutboxRow = Selectable<OutboxTable>
export type UserRow = Selectable<AppUserTable>
export type MembershipRow = Selectable<MembershipTable>
export type SessionRow = Selectable<SessionTable>
export type ApiTokenRow = Selectable<ApiTokenTable>
export type FileRow = Selectable<FileTable>
export type ImportJobRow = Selectable<ImportJobTable>
export type AppRow = Selectable<AppTable>
export type AppVersionRow = Selectable<AppVersionTable>
export type NotificationRow = Selectable<NotificationTable>

/** Automations (issue 9, migration 0002): `store.db.withTables<AutomationTables>()`. */
export interface AutomationInboxTable {
  event_id: string
  /** the distribution key (migration 0010) */
  app: string
  record_id: string
  at: Timestamp
}

export interface AutomationScheduleTable {
  app: string
  automation: string
  last_slot: Timestamp
}

export interface AutomationRunTable {
  id: Generated<string>
  app: string
  automation: string
  app_version: number
  run_key: string
  trigger: Json<Record<string, unknown>>
  record_id: string | null
  /** the automation keys of the runs whose changes led here, oldest first (loop detection) */
  chain: Json<string[]>
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped'
  attempts: Generated<number>
  next_attempt_at: Timestamp
  lease_until: Date | null
  claimed_by: string | null
  input: Json<Record<string, unknown>>
  output: Json<Record<string, unknown>> | null
  error: Json<Record<string, unknown>> | null
  created_at: Timestamp
  started_at: Date | null
  finished_at: Date | null
}

// A type alias, not an interface: Kysely's withTables wants an indexable record.
export type AutomationTables = {
  automation_inbox: AutomationInboxTable
  automation_schedule: AutomationScheduleTable
  automation_run: AutomationRunTable
}
export type AutomationRunRow = Selectable<AutomationRunTable>
