import { type Kysely, type QueryCreator, sql } from 'kysely'
import type { Database, EventRow, InstanceRow, RecordRow } from './database.js'
import { createShapeCache, prepared, slotted } from './statement-shapes.js'
import { isUuid } from './uuid.js'
import { documentOf, type WriteSets, writeSetParts } from './write-sets.js'

export interface NewRecord {
  id?: string
  app: string
  form: string
  formVersion: number
  owner: string | null
  data: Record<string, unknown>
  search: string
  externalKey?: string | null
  duplicateOf?: string | null
  draft?: boolean
  at: Date
}

export interface NewEvent {
  /** the record's app: the distribution key of its events (migration 0010) */
  app: string
  recordId: string
  seq: number
  type: string
  actor: string | null
  at: Date
  transition?: string | null
  from?: string | null
  to?: string | null
  diff: Record<string, [unknown, unknown]>
  meta?: Record<string, unknown> | null
}

export interface InstanceWrite {
  recordId: string
  app: string
  workflow: string
  workflowVersion: number
  state: string
  snapshot: unknown
  assignee: string | null
  approval: unknown
  needsMigration?: boolean
  at: Date
}

/** A record's new version, as `update` writes it. */
export interface RecordPatch {
  data?: Record<string, unknown>
  search?: string
  version: number
  at: Date
  formVersion?: number
  draft?: boolean
}

/** A unique value to claim for a record (`unique_value`), as `claimUnique` does. */
export interface UniqueClaim {
  app: string
  form: string
  field: string
  value: string
  recordId: string
}

/**
 * Writes that go out together in one statement (`writeAll`). Each row at most once: the parts of one
 * statement see the same snapshot, so none may depend on another's change to the same row.
 */
export interface WriteBatch {
  records: NewRecord[]
  /** `app` is the record's: the distribution key the update is routed by */
  updates: { id: string; app: string; patch: RecordPatch }[]
  instances: InstanceWrite[]
  events: NewEvent[]
  claims: UniqueClaim[]
  /** armed timers to cancel (a state left); they see the timers as they were before this statement */
  timerCancels?: TimerCancel[]
  /** timers to arm (a state entered) */
  timers?: NewTimer[]
}

/** The armed timers of a record to cancel: of one state, or all of them when `state` is absent. */
export interface TimerCancel {
  /** the record's app: the distribution key of its timers */
  app: string
  recordId: string
  state?: string
}

/** A timer to arm, as `armTimer` takes it. */
export interface NewTimer {
  /** the record's app */
  app: string
  recordId: string
  state: string
  transition: string
  dueAt: Date
  at: Date
}

/** Apostrophe look-alikes folded into `'` when matching names (C9: O’Brien is O'Brien). */
export const CURLY = '\u2019\u2018\u0060\u00b4'
export const STRAIGHT = "''''"

/** The normalization `findByNormalizedField` applies in SQL, for the value compared against it. */
export const normalizeMatch = (v: string): string =>
  v
    .replace(/[\u2019\u2018\u0060\u00b4]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()

/** Records, workflow instances and their events. Pass a transaction to make the calls one unit. */
const recordValues = (r: NewRecord) => ({
  ...(r.id ? { id: r.id } : {}),
  app: r.app,
  form: r.form,
  form_version: r.formVersion,
  owner: r.owner,
  created_at: r.at,
  updated_at: r.at,
  version: 1,
  data: JSON.stringify(r.data),
  search: r.search,
  external_key: r.externalKey ?? null,
  duplicate_of: r.duplicateOf ?? null,
  is_draft: r.draft ?? false,
})

/** An instance write as a row of a VALUES list: its JSON columns as JSON text. */
const instanceValues = (i: InstanceWrite) => {
  const row = instanceRow(i)
  return {
    ...row,
    snapshot: JSON.stringify(row.snapshot),
    approval: row.approval === null ? null : JSON.stringify(row.approval),
  }
}

const eventValues = (e: NewEvent) => {
  const row = eventRow(e)
  return { ...row, diff: JSON.stringify(row.diff), meta: row.meta === null ? null : JSON.stringify(row.meta) }
}

const patchValues = (patch: RecordPatch) => ({
  ...(patch.data !== undefined ? { data: JSON.stringify(patch.data) } : {}),
  ...(patch.search !== undefined ? { search: patch.search } : {}),
  version: patch.version,
  updated_at: patch.at,
  ...(patch.formVersion !== undefined ? { form_version: patch.formVersion } : {}),
  ...(patch.draft !== undefined ? { is_draft: patch.draft } : {}),
})

/** A patch that changes nothing but the version and its time. */
const isBump = (patch: RecordPatch) =>
  patch.data === undefined &&
  patch.search === undefined &&
  patch.formVersion === undefined &&
  patch.draft === undefined

/** Instance writes as one upsert; each record at most once. */
const upsertInstances = (qc: QueryCreator<Database>, list: InstanceWrite[]) =>
  upsertInstanceRows(qc, list.map(instanceValues))

const upsertInstanceRows = (qc: QueryCreator<Database>, rows: ReturnType<typeof instanceValues>[]) =>
  qc
    .insertInto('workflow_instance')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['record_id', 'app']).doUpdateSet((eb) => ({
        workflow: eb.ref('excluded.workflow'),
        workflow_version: eb.ref('excluded.workflow_version'),
        state: eb.ref('excluded.state'),
        snapshot: eb.ref('excluded.snapshot'),
        assignee: eb.ref('excluded.assignee'),
        approval: eb.ref('excluded.approval'),
        needs_migration: eb.ref('excluded.needs_migration'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )

/** An instance write as a row of the `instances` document: its JSON stays JSON (no text within text). */
const instanceRow = (i: InstanceWrite) => ({
  record_id: i.recordId,
  app: i.app,
  workflow: i.workflow,
  workflow_version: i.workflowVersion,
  state: i.state,
  snapshot: i.snapshot,
  assignee: i.assignee,
  approval: i.approval ?? null,
  needs_migration: i.needsMigration ?? false,
  updated_at: i.at,
})

/** An event as a row of the `events` document (and as a written event reads, without its id). */
export const eventRow = (e: NewEvent) => ({
  app: e.app,
  record_id: e.recordId,
  seq: e.seq,
  type: e.type,
  actor: e.actor,
  at: e.at,
  transition: e.transition ?? null,
  from_state: e.from ?? null,
  to_state: e.to ?? null,
  diff: e.diff,
  meta: e.meta ?? null,
})

const timerRow = (t: NewTimer) => ({
  app: t.app,
  record_id: t.recordId,
  state: t.state,
  transition: t.transition,
  due_at: t.dueAt,
  created_at: t.at,
})

/** An instance row read as jsonb (`to_jsonb`): its timestamp arrives as text. */
type InstanceJson = Omit<InstanceRow, 'updated_at'> & { updated_at: string }
const instanceOf = (i: InstanceJson | null): InstanceRow | undefined =>
  i ? { ...i, updated_at: new Date(i.updated_at) } : undefined

/** Live records, each with its workflow instance as one JSON column: what the lock helpers read. */
const withInstance = (db: Kysely<Database>) =>
  db
    .selectFrom('record')
    // the instance shares its record's app: on Citus, a join within one shard
    .leftJoin('workflow_instance as wi', (j) =>
      j.onRef('wi.record_id', '=', 'record.id').onRef('wi.app', '=', 'record.app'),
    )
    .selectAll('record')
    .select(
      sql<InstanceJson | null>`case when wi.record_id is null then null else to_jsonb(wi) end`.as('instance'),
    )
    .where('record.deleted_at', 'is', null)

/** The record, locked, with its instance: the first statement of every change to a record. */
const lockWithInstanceStatement = prepared(1, (db: Kysely<Database>, id: string) =>
  withInstance(db).where('record.id', '=', id).forUpdate('record'),
)

/** writeAll's statements by shape (see statement-shapes.ts). */
const writeShapes = createShapeCache()

type WriteRows = {
  records: ReturnType<typeof recordValues>[]
  patches: (ReturnType<typeof patchValues> & { id: string; app: string })[]
  /** one row: a JSON document (its slot) for each set-based part present (write-sets.ts) */
  sets: WriteSets[]
  claims: { app: string; form: string; field: string; value: string; record_id: string }[]
}

/** writeAll's statement: one data-modifying CTE per part, the claims last (they answer what was taken). */
function writeAllQuery(db: Kysely<Database>, rows: WriteRows) {
  const parts: ((qc: QueryCreator<Database>) => unknown)[] = []
  if (rows.records.length > 0) parts.push((qc) => qc.insertInto('record').values(rows.records))
  for (const { id, app, ...set } of rows.patches)
    parts.push((qc) => qc.updateTable('record').set(set).where('id', '=', id).where('app', '=', app))
  for (const part of writeSetParts(rows.sets[0] ?? {})) parts.push(() => part)
  let q = db as unknown as QueryCreator<Database>
  parts.forEach((part, i) => {
    q = q.with(`w${i}`, part as never) as unknown as QueryCreator<Database>
  })
  if (rows.claims.length === 0) return q.selectNoFrom(sql<number>`1`.as('one'))
  return q
    .with('claimed', (qc) =>
      qc
        .insertInto('unique_value')
        .values(rows.claims)
        .onConflict((oc) => oc.columns(['app', 'form', 'field', 'value']).doNothing())
        .returning(['app', 'form', 'field', 'value', 'record_id']),
    )
    .selectFrom('claimed' as never)
    .selectAll()
}

export const createRecordStore = (db: Kysely<Database>) => ({
  async find(id: string): Promise<RecordRow | undefined> {
    if (!isUuid(id)) return undefined
    return db
      .selectFrom('record')
      .selectAll()
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
  },

  /** Locks the record row until the transaction ends: every change to a record goes through this lock. */
  async lock(id: string): Promise<RecordRow | undefined> {
    if (!isUuid(id)) return undefined
    return db
      .selectFrom('record')
      .selectAll()
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .forUpdate()
      .executeTakeFirst()
  },

  async findByExternalKey(app: string, form: string, key: string): Promise<RecordRow | undefined> {
    return db
      .selectFrom('record')
      .selectAll()
      .where('app', '=', app)
      .where('form', '=', form)
      .where('external_key', '=', key)
      .where('deleted_at', 'is', null)
      .forUpdate()
      .executeTakeFirst()
  },

  /** The records holding any of these external keys, locked (an import run reads them at once). */
  async findByExternalKeys(app: string, form: string, keys: string[]): Promise<RecordRow[]> {
    if (keys.length === 0) return []
    return db
      .selectFrom('record')
      .selectAll()
      .where('app', '=', app)
      .where('form', '=', form)
      .where('external_key', 'in', keys)
      .where('deleted_at', 'is', null)
      .forUpdate()
      .execute()
  },

  /** Which of these ids are live records of `form` in `app`. */
  async existing(app: string, form: string, ids: string[]): Promise<Set<string>> {
    const valid = ids.filter(isUuid)
    if (valid.length === 0) return new Set()
    const rows = await db
      .selectFrom('record')
      .select('id')
      .where('app', '=', app)
      .where('form', '=', form)
      .where('id', 'in', valid)
      .where('deleted_at', 'is', null)
      .where('is_draft', '=', false)
      .execute()
    return new Set(rows.map((r) => r.id))
  },

  async insert(r: NewRecord): Promise<RecordRow> {
    return db.insertInto('record').values(recordValues(r)).returningAll().executeTakeFirstOrThrow()
  },

  /** Many new records in one statement (an import run). */
  async insertMany(list: NewRecord[]): Promise<void> {
    if (list.length === 0) return
    await db.insertInto('record').values(list.map(recordValues)).execute()
  },

  /** Writes a new version; without `data` only the version moves (no jsonb or search index churn). */
  async update(id: string, patch: RecordPatch): Promise<RecordRow> {
    return db
      .updateTable('record')
      .set(patchValues(patch))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  /**
   * New records, record updates, instance writes, events and unique claims in one statement (one
   * round trip), as data-modifying CTEs; the foreign keys are checked at its end, when all are in.
   * Answers the claims that were taken (a value another record holds is not). A statement of a shape
   * seen before (the same parts, columns and row counts: every submit of a form) is not built again.
   */
  async writeAll(batch: WriteBatch): Promise<UniqueClaim[]> {
    // a version bump alone (a timer's transition, most transitions) goes with the others in one update
    const bumps = batch.updates.filter((u) => isBump(u.patch))
    const sets: WriteSets = {
      bumps: documentOf(
        bumps.map((u) => ({ id: u.id, app: u.app, version: u.patch.version, at: u.patch.at })),
      ),
      instances: documentOf(batch.instances.map(instanceRow)),
      events: documentOf(batch.events.map(eventRow)),
      cancels: documentOf(
        (batch.timerCancels ?? []).map((c) => ({
          app: c.app,
          record_id: c.recordId,
          state: c.state ?? null,
        })),
      ),
      timers: documentOf((batch.timers ?? []).map(timerRow)),
    }
    const parts = {
      records: batch.records.map(recordValues),
      patches: batch.updates
        .filter((u) => !isBump(u.patch))
        .map((u) => ({ ...patchValues(u.patch), id: u.id, app: u.app })),
      sets: Object.values(sets).some((d) => d !== undefined) ? [sets] : [],
      claims: batch.claims.map((c) => ({
        app: c.app,
        form: c.form,
        field: c.field,
        value: c.value,
        record_id: c.recordId,
      })),
    }
    const count = Object.values(parts).reduce((n, list) => n + list.length, 0)
    if (count === 0) return []
    const { rows, values, shape } = slotted(parts)
    const statement = writeShapes.bind(shape, values, () => writeAllQuery(db, rows).compile())
    const result = await db.executeQuery<{
      app: string
      form: string
      field: string
      value: string
      record_id: string
    }>(statement)
    if (batch.claims.length === 0) return []
    const taken = new Set(
      result.rows.map((c) => `${c.app}\u0000${c.form}\u0000${c.field}\u0000${c.value}\u0000${c.record_id}`),
    )
    return batch.claims.filter((c) =>
      taken.has(`${c.app}\u0000${c.form}\u0000${c.field}\u0000${c.value}\u0000${c.recordId}`),
    )
  },

  /**
   * Locks many records (as `lockWithInstance`, in id order so two callers cannot wait on each other
   * in a circle) and reads their instances, in one round trip. Deleted and unknown ids are left out.
   */
  async lockManyWithInstances(
    ids: string[],
  ): Promise<Map<string, { row: RecordRow; instance: InstanceRow | undefined }>> {
    const valid = [...new Set(ids.filter(isUuid))].sort()
    if (valid.length === 0) return new Map()
    const found = await withInstance(db)
      .where('record.id', 'in', valid)
      .orderBy('record.id')
      .forUpdate('record')
      .execute()
    return new Map(found.map(({ instance, ...row }) => [row.id, { row, instance: instanceOf(instance) }]))
  },

  /** Locks the record row (as `lock`) and reads its workflow instance, in one round trip. */
  async lockWithInstance(
    id: string,
  ): Promise<{ row: RecordRow; instance: InstanceRow | undefined } | undefined> {
    if (!isUuid(id)) return undefined
    const [found] = (
      await db.executeQuery<RecordRow & { instance: InstanceJson | null }>(lockWithInstanceStatement(db, id))
    ).rows
    if (!found) return undefined
    const { instance, ...row } = found
    return { row, instance: instanceOf(instance) }
  },

  /**
   * Soft delete: the row stays for history; its unique values and its external key are let go, so
   * they can be used again (re-importing a deleted row's source creates a new record).
   */
  async softDelete(id: string, version: number, at: Date): Promise<void> {
    await db
      .updateTable('record')
      .set({ deleted_at: at, version, updated_at: at, external_key: null })
      .where('id', '=', id)
      .execute()
    await db.deleteFrom('unique_value').where('record_id', '=', id).execute()
  },

  /** A draft becoming a record is written anew under the same id (drafts claim nothing). */
  async discardDraft(id: string): Promise<void> {
    await db.deleteFrom('record').where('id', '=', id).where('is_draft', '=', true).execute()
  },

  async setDuplicateOf(id: string, duplicateOf: string): Promise<void> {
    await db.updateTable('record').set({ duplicate_of: duplicateOf }).where('id', '=', id).execute()
  },

  async instance(recordId: string): Promise<InstanceRow | undefined> {
    return db.selectFrom('workflow_instance').selectAll().where('record_id', '=', recordId).executeTakeFirst()
  },

  async writeInstance(i: InstanceWrite): Promise<void> {
    const values = instanceValues(i)
    await db
      .insertInto('workflow_instance')
      .values(values)
      .onConflict((oc) => oc.columns(['record_id', 'app']).doUpdateSet(values))
      .execute()
  },

  /** Many instance writes in one statement (an import run); each record at most once. */
  async writeInstances(list: InstanceWrite[]): Promise<void> {
    if (list.length === 0) return
    await upsertInstances(db, list).execute()
  },

  /** A migrated record follows its instance to a new version. */
  async moveToVersion(id: string, version: number, at: Date): Promise<void> {
    await db
      .updateTable('record')
      .set((eb) => ({ form_version: version, version: eb('version', '+', 1), updated_at: at }))
      .where('id', '=', id)
      .execute()
  },

  async markNeedsMigration(recordId: string, needs: boolean): Promise<void> {
    await db
      .updateTable('workflow_instance')
      .set({ needs_migration: needs })
      .where('record_id', '=', recordId)
      .execute()
  },

  /** Instances of a workflow on versions older than `version` (publish looks at these). */
  async instancesBefore(app: string, workflow: string, version: number): Promise<InstanceRow[]> {
    return db
      .selectFrom('workflow_instance')
      .selectAll()
      .where('app', '=', app)
      .where('workflow', '=', workflow)
      .where('workflow_version', '<', version)
      .forUpdate()
      .execute()
  },

  /** The last event's seq of a record (its app routes the read to the record's shard). */
  async lastSeq(recordId: string, app: string): Promise<number> {
    const r = await db
      .selectFrom('event')
      .select(sql<number>`coalesce(max(seq), 0)::int`.as('seq'))
      .where('record_id', '=', recordId)
      .where('app', '=', app)
      .executeTakeFirstOrThrow()
    return r.seq
  },

  async appendEvent(e: NewEvent): Promise<EventRow> {
    return db.insertInto('event').values(eventValues(e)).returningAll().executeTakeFirstOrThrow()
  },

  /** Many events in one statement, in the order given (an import run). */
  async appendEvents(list: NewEvent[]): Promise<void> {
    if (list.length === 0) return
    await db.insertInto('event').values(list.map(eventValues)).execute()
  },

  /** A record's history, oldest first; its app routes the read to the record's shard. */
  async events(recordId: string, app: string): Promise<EventRow[]> {
    if (!isUuid(recordId)) return []
    return db
      .selectFrom('event')
      .selectAll()
      .where('record_id', '=', recordId)
      .where('app', '=', app)
      .orderBy('seq')
      .execute()
  },

  /** Records of a form whose normalized text value of `field` equals one of `values` (create-or-link matching). */
  async findByNormalizedField(
    app: string,
    form: string,
    field: string,
    value: string,
  ): Promise<RecordRow | undefined> {
    return db
      .selectFrom('record')
      .selectAll()
      .where('app', '=', app)
      .where('form', '=', form)
      .where('deleted_at', 'is', null)
      .where(
        sql<boolean>`btrim(lower(regexp_replace(translate(data->>${field}, ${CURLY}, ${STRAIGHT}), '\\s+', ' ', 'g'))) = ${value}`,
      )
      .orderBy('created_at')
      .limit(1)
      .forUpdate()
      .executeTakeFirst()
  },
})

export type RecordStore = ReturnType<typeof createRecordStore>
