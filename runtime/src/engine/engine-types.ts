import type { AppDefinition, FieldAccess, MigrationMap, Problem, VerifyResult } from '@tessera/schemas'
import type { ListIndexSync } from '../store/list-index-store.js'

/**
 * The engine's contract, shared by the server, the CLI and the tests.
 * Every operation is one database transaction.
 */

/** Who acts. `system` is a timer or an action; `isAdmin` is the platform admin (may act in any role). */
export interface Actor {
  userId: string | null
  isAdmin: boolean
  system?: boolean
  /** where it came from, for the audit trail: 'api' | 'import' | 'public' | 'timer' | 'cli' */
  via?: string
}

/** What a record looks like on the wire (DESIGN.md "Values on the wire"). */
export interface RecordView {
  id: string
  app: string
  form: string
  formVersion: number
  /** the workflow state, or null when the form has no workflow */
  state: string | null
  /** data + workflow together */
  version: number
  data: Record<string, unknown>
  owner: string | null
  assignee: string | null
  createdAt: string
  updatedAt: string
  /** a workflow instance whose state vanished from its version and has no migration */
  needsMigration?: boolean
  /** set by a soft duplicate rule */
  duplicateOf?: string | null
  /** SLA: when the earliest armed timer of the current state fires */
  dueAt?: string | null
  /** set by `submit` with an `externalKey`: whether the key was new, matched with changes, or matched as is */
  importOutcome?: 'created' | 'updated' | 'unchanged'
}

/** A record as one user may see it now: fields withheld, transitions open to them, access per field. */
export interface RecordDetail extends RecordView {
  transitions: { key: string; label?: unknown; requires: string[]; guardOk: boolean }[]
  access: Record<string, FieldAccess>
  approval?: {
    mode: string
    decisions: { userId: string; decision: 'approve' | 'reject'; comment?: string; at: string }[]
    pending: string[]
  }
}

export interface EventView {
  id: string
  recordId: string
  seq: number
  type:
    | 'created'
    | 'updated'
    | 'transition'
    | 'imported'
    | 'decision'
    | 'timer'
    | 'migrated'
    | 'assigned'
    | 'comment'
  actor: string | null
  at: string
  transition?: string | null
  from?: string | null
  to?: string | null
  /** field -> [before, after]; withheld fields are removed for those who may not see them */
  diff: Record<string, [unknown, unknown]>
  meta?: Record<string, unknown>
}

export interface ListQuery {
  /** `{"score": {"gte": 60}, "state": {"in": ["new"]}}`; operators eq ne in nin contains starts gt gte lt lte between empty notEmpty */
  filter?: Record<string, unknown>
  /** `field` or `-field`, comma separated; system columns `created_at updated_at state assignee owner` allowed */
  sort?: string
  limit?: number
  cursor?: string
  /** text search over text fields (pg_trgm) */
  q?: string
  /** count every match even past the exact-total limit (reports; a list page never needs it) */
  exactTotal?: boolean
}

export interface ListResult {
  items: RecordView[]
  /** exact, unless `totalIsEstimate`: then the planner's estimate once more than 10,000 match */
  total: number
  totalIsEstimate: boolean
  nextCursor: string | null
}

export interface PublishResult {
  version: number
  verify: VerifyResult
  /** instances moved by the migration map, and those left needing migration */
  migrated: number
  needsMigration: number
  /** set when `onlyIfNew` found a version already there: nothing was published */
  skipped?: boolean
  /** the per-field list indexes built and dropped after the publish (list-index-store.ts) */
  listIndexes?: ListIndexSync
}

export interface PublishOptions {
  /** install: publish only when the app has no version yet (several servers starting at once) */
  onlyIfNew?: boolean
}

export interface SubmitOptions {
  /** a half-filled submission: no required checks, no workflow started */
  draft?: boolean
  /** import: place the record directly in a state, skipping transition requirements */
  importState?: string
  /** import: an external key; a second import with the same key updates instead of inserting */
  externalKey?: string
  /** import: fill what a row leaves out from the records its relations choose (a relation's `fill`),
   * as a submission does; without it an import stores history as it was */
  fill?: boolean
}

/** One row of an import batch (see `Engine.importBatch`). */
export interface ImportBatchRow {
  data: unknown
  options?: SubmitOptions
}

/** The outcome of one import row: the record, or why it was refused (the rest of the batch still commits). */
export type ImportBatchResult =
  | { ok: true; record: RecordView; outcome: 'created' | 'updated' | 'unchanged' }
  | { ok: false; error: unknown }

export interface Engine {
  publish(
    app: string,
    definition: AppDefinition,
    actor: Actor,
    migration?: MigrationMap,
    options?: PublishOptions,
  ): Promise<PublishResult>
  submit(app: string, form: string, data: unknown, actor: Actor, options?: SubmitOptions): Promise<RecordView>
  update(recordId: string, data: unknown, actor: Actor, expectedVersion: number): Promise<RecordView>
  transition(
    recordId: string,
    transition: string,
    payload: unknown,
    actor: Actor,
    expectedVersion: number,
  ): Promise<RecordView>
  decide(
    recordId: string,
    decision: 'approve' | 'reject',
    comment: string | undefined,
    actor: Actor,
    expectedVersion: number,
  ): Promise<RecordView>
  get(recordId: string, actor: Actor): Promise<RecordDetail>
  list(app: string, form: string, query: ListQuery, actor: Actor): Promise<ListResult>
  events(recordId: string, actor: Actor): Promise<EventView[]>
  /**
   * Optional (the importer falls back to one `submit` per row): submit many rows in ONE database
   * transaction, each row under its own savepoint, through exactly the rules of `submit`.
   * A refused row rolls back to its savepoint and is reported; the others commit.
   * `outcome` tells a re-import apart: `unchanged` when the external key matched and no value differed.
   */
  importBatch?(app: string, form: string, rows: ImportBatchRow[], actor: Actor): Promise<ImportBatchResult[]>
  /** a saved draft becomes a record (validated in full, serials assigned, workflow started); only its author or an admin */
  finalizeDraft?(recordId: string, data: unknown, actor: Actor, expectedVersion: number): Promise<RecordView>
  /** soft delete within the actor's `delete` row scope; unique values are released, timers cancelled */
  remove?(recordId: string, actor: Actor, expectedVersion: number): Promise<void>
  /** move one instance to the latest version (with a map); SNAPSHOT_STATE_MISSING marks it needs_migration */
  migrate?(recordId: string, actor: Actor, migration?: MigrationMap): Promise<RecordView>
  /** the records waiting for a person in non-final states (for their manager, when they are deactivated) */
  openWork?(userId: string, actor: Actor): Promise<OpenWorkItem[]>
  /** hands one record from `from` (assignee or pending approver) to `to`; an admin or a manager of `from` */
  reassign?(
    recordId: string,
    from: string,
    to: string,
    actor: Actor,
    expectedVersion?: number,
  ): Promise<RecordView>
  /** fire every due timer once (claimed with SKIP LOCKED); returns how many fired */
  runDueTimers(limit?: number): Promise<number>
  /** deliver pending outbox messages; returns how many were delivered */
  deliverOutbox(limit?: number): Promise<number>
  /** outbox messages of one status, newest first (platform admin) */
  outboxMessages?(query: OutboxPageQuery, actor: Actor): Promise<OutboxPage>
  /** a failed (`dead`) message back in the queue with fresh attempts (platform admin); 409 otherwise */
  replayOutbox?(id: string, actor: Actor): Promise<OutboxMessageView>
}

/** An outbox message (webhook or notification) as an admin sees it. */
export interface OutboxMessageView {
  id: string
  kind: 'notify' | 'webhook'
  recordId: string | null
  /** the app and form of its record (null when the record is gone or there is none) */
  app: string | null
  form: string | null
  /** `pending` (queued or retrying), `delivered`, or `dead` (given up after its attempts) */
  status: 'pending' | 'delivered' | 'dead'
  attempts: number
  lastError: string | null
  idempotencyKey: string
  payload: Record<string, unknown>
  createdAt: string
  nextAttemptAt: string
  deliveredAt: string | null
}

export interface OutboxPageQuery {
  /** default `dead`: the failed messages */
  status?: OutboxMessageView['status']
  limit?: number
  cursor?: string
}

export interface OutboxPage {
  items: OutboxMessageView[]
  nextCursor: string | null
}

/** A record waiting for someone in a state that is not final: assigned to them, or their decision pending. */
export interface OpenWorkItem {
  recordId: string
  app: string
  form: string
  state: string
  version: number
  assignee: string | null
  /** true when the person is a pending approver rather than (only) the assignee */
  approval: boolean
  updatedAt: string
  /** what names the record (see `recordTitle`), from the fields the caller may see in its state */
  title?: string
}

/** A clock the tests can move. */
export interface Clock {
  now(): Date
}

export type { Problem }
