import { randomUUID } from 'node:crypto'
import { type AppDefinition, type FieldDefinition, recordTitle } from '@tessera/schemas'
import { isTesseraError } from '../errors.js'
import type { Store } from '../store/dialect.js'
import type { OutboxRow } from '../store/database.js'
import { linkedFieldsSql } from '../store/linked-fields-sql.js'
import { listRecords, type ListScope } from '../store/list-query.js'
import { isRetryable, isUnavailable } from '../store/pg-errors.js'
import { withSavepoint } from '../store/savepoint.js'
import { type PersistedWorkflow, persistWorkflow, restoreWorkflow } from '../workflow/compile-workflow.js'
import { accessMap, actorScopeUsers, fieldAccess, inScope, rowScopes } from './access.js'
import { createAppRegistry } from './app-registry.js'
import { appTimeZone } from './app-time-zone.js'
import { actorInApp, type ChangeNotice, type OpContext, storesOf } from './engine-context.js'
import { createMembershipCache } from './membership-cache.js'
import { errors } from './engine-errors.js'
import { importRunStores } from './import-run-stores.js'
import { hideWithheld, withheldLinked } from './linked-access.js'
import { writeBehind } from './write-behind.js'
import type {
  Actor,
  Clock,
  Engine,
  EventView,
  ImportBatchResult,
  ListQuery,
  ListResult,
  RecordDetail,
  RecordView,
} from './engine-types.js'
import { publishApp } from './publish-op.js'
import { buildDetail } from './record-detail.js'
import { managesAnywhere, managesIn, openWorkOf, reassignRecord, type TitleOf } from './reassign-op.js'
import { createRecordOps, mustSee, type Written } from './record-ops.js'
import { toEventView, toRecordView } from './record-view.js'
import { createTimerSweep } from './timer-sweep.js'
import { listIndexPlan } from './list-index-plan.js'
import { syncListIndexes } from '../store/list-index-store.js'
import { createOutboxAdmin } from './outbox-admin.js'

/** One outbox message handed to the deliverer. Throwing means "not delivered": it is retried with backoff. */
export interface OutboxMessage {
  id: string
  kind: 'notify' | 'webhook'
  recordId: string | null
  payload: Record<string, unknown>
  idempotencyKey: string
  attempts: number
}

export interface EngineHooks {
  /** after a transaction commits, the records it changed (for a server-sent event stream) */
  afterCommit?(changes: ChangeNotice[]): void
}

export interface EngineOptions {
  store: Store
  clock?: Clock
  hooks?: EngineHooks
  /** delivers outbox messages; without it deliverOutbox leaves them pending */
  deliver?: (message: OutboxMessage) => Promise<void>
  /** start delivering right after a commit that wrote messages (default true when `deliver` is set) */
  deliverAfterCommit?: boolean
  /** the zone of apps that declare no `timeZone`, for `today`, `now`, serial dates and calendar durations */
  timeZone?: string
  /** who claims timers, for `timer.claimed_by` */
  workerId?: string
  /** due timers claimed and fired per transaction (default 200 on PostgreSQL, 50 on PGlite, where a transaction holds the one connection: a batch holds it some 50 ms) */
  timerBatch?: number
  /** timer batches fired at once, each in its own transaction (default 2 on PostgreSQL, 1 on PGlite) */
  timerLanes?: number
  /** how long the latest published version of an app is remembered (default 1000 ms; 0 asks every time) */
  latestVersionTtlMs?: number
  /** attempts before a message is given up (status `dead`) */
  maxAttempts?: number
  /**
   * how long who an actor is in an app (membership, team, colleagues) and an app's members are
   * remembered (default 1000 ms; 0 asks every time). A change made in this process applies at once; another process's within this.
   */
  membershipTtlMs?: number
}

const LEASE_MS = 60_000

/** Creates the engine over a store. Stateless apart from caches of immutable versions: any number may share a database. */
export function createEngine(options: EngineOptions): Engine &
  Required<
    Pick<
      Engine,
      | 'importBatch'
      | 'finalizeDraft'
      | 'remove'
      | 'migrate'
      | 'openWork'
      | 'reassign'
      | 'outboxMessages'
      | 'replayOutbox'
    >
  > & {
    /** outbox messages with their delivery state */
    outbox(filter?: { recordId?: string; status?: OutboxRow['status'] }): Promise<OutboxRow[]>
  } {
  const { store } = options
  const clock = options.clock ?? { now: () => new Date() }
  const registry = createAppRegistry(
    options.latestVersionTtlMs !== undefined ? { latestTtlMs: options.latestVersionTtlMs } : {},
  )
  const workerId = options.workerId ?? `engine-${process.pid}-${randomUUID().slice(0, 8)}`
  const maxAttempts = options.maxAttempts ?? 8
  const engineZone = options.timeZone ?? 'UTC'
  const ops = createRecordOps((ctx, app, version) => registry.get(ctx.db, app, version), engineZone)
  const members = createMembershipCache(options.membershipTtlMs ?? 1000)

  /**
   * One transaction; deadlocks and serialization failures are retried, as PostgreSQL asks. With
   * `behind`, record writes wait and go out together (`writeBehind`), the last of them before commit.
   */
  async function tx<T>(app: string | null, fn: (ctx: OpContext) => Promise<T>, behind = false): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const changes: ChangeNotice[] = []
      const flags = { outbox: false }
      const memo = new Map<string, Promise<unknown>>()
      try {
        const result = await store.db.transaction().execute(async (trx) => {
          const direct = storesOf(trx)
          const waiting = behind ? writeBehind(direct) : null
          const stores = waiting ? { ...direct, ...waiting.stores } : direct
          const now = clock.now()
          const loaded = app ? await registry.get(trx, app) : (undefined as never)
          const ctx: OpContext = {
            ...stores,
            now,
            app: loaded,
            timeZone: appTimeZone(loaded, engineZone),
            flags,
            changes,
            memo,
            members,
            ...(waiting ? { settle: waiting.flush, hold: waiting.hold } : {}),
          }
          const out = await fn(ctx)
          await waiting?.flush()
          return out
        })
        if (changes.length > 0) options.hooks?.afterCommit?.(changes)
        if (flags.outbox && options.deliver && options.deliverAfterCommit !== false)
          void deliverOutbox().catch(() => {})
        return result
      } catch (e) {
        if (attempt < 3 && isRetryable(e)) continue
        if (isUnavailable(e)) throw errors.unavailable(e)
        throw e
      }
    }
  }

  /** A record as the actor may see it; inside a write's transaction, from what the write left (no re-read). */
  async function detailOf(
    db: OpContext['db'],
    written: Written,
    actor: Actor,
    checkScope: boolean,
    memo?: Map<string, Promise<unknown>>,
  ): Promise<RecordDetail> {
    const { row, instance } = written
    const app = await registry.get(db, row.app, instance?.workflow_version ?? row.form_version)
    const ctx: OpContext = {
      ...storesOf(db),
      now: clock.now(),
      app,
      timeZone: appTimeZone(app, engineZone),
      flags: { outbox: false },
      changes: [],
      members,
      ...(memo ? { memo } : {}),
    }
    return buildDetail(ctx, row, instance, actor, {
      checkScope,
      ...(written.dueAt !== undefined ? { dueAt: written.dueAt } : {}),
    })
  }

  /**
   * A written record as the actor may see it, without what only a record page needs (the open
   * transitions and their guards, the SLA due time): the answer to each row of an import.
   */
  /**
   * The record as the actor sees it. `accessByPlace` keeps the field access per app version, form
   * and state for one actor (an import batch asks it once per state, not once per row).
   */
  async function viewOf(
    ctx: OpContext,
    written: Written,
    actor: Actor,
    accessByPlace?: Map<string, ReturnType<typeof accessMap>>,
  ): Promise<RecordView> {
    const { row, instance } = written
    const version = instance?.workflow_version ?? row.form_version
    const place = `${row.app}\u0000${version}\u0000${row.form}\u0000${instance?.workflow}\u0000${instance?.state}`
    let access = accessByPlace?.get(place)
    if (!access) {
      const app = await registry.get(ctx.db, row.app, version)
      const form = app.form(row.form)
      if (!form) throw errors.formNotFound(row.app, row.form)
      const who = await actorInApp(ctx, app, actor)
      const wf = instance ? app.definition.workflows?.find((w) => w.key === instance.workflow) : undefined
      const state = wf?.states.find((s) => s.key === instance?.state)
      access = accessMap(form, wf, state, who)
      accessByPlace?.set(place, access)
    }
    return toRecordView(row, instance, access)
  }

  async function detail(recordId: string, actor: Actor): Promise<RecordDetail> {
    const records = storesOf(store.db).records
    const row = await records.find(recordId)
    if (!row) throw errors.recordNotFound(recordId)
    return detailOf(store.db, { row, instance: (await records.instance(recordId)) ?? null }, actor, true)
  }

  /** Runs a write and answers with the record as the actor now sees it, even when it just left their scope (a hand-off). */
  const write = (app: string | null, actor: Actor, op: (ctx: OpContext) => Promise<Written>) =>
    tx(
      app,
      async (ctx) => {
        const written = await op(ctx)
        // the detail reads linked fields straight from the database: it must see this write
        await ctx.settle?.()
        return detailOf(ctx.db, written, actor, false, ctx.memo)
      },
      true,
    )

  async function deliverOutbox(limit = 50): Promise<number> {
    const deliver = options.deliver
    if (!deliver) return 0
    const now = clock.now()
    // claim with a lease: the rows are pushed into the future so no other worker takes them while we deliver
    const claimed = await store.db.transaction().execute(async (trx) => {
      const work = storesOf(trx).work
      const rows = await work.claimOutbox(now, limit)
      for (const r of rows) await work.leaseOutbox(r.id, new Date(now.getTime() + LEASE_MS))
      return rows
    })
    let delivered = 0
    const work = storesOf(store.db).work
    for (const row of claimed) {
      try {
        await deliver({
          id: row.id,
          kind: row.kind,
          recordId: row.record_id,
          payload: row.payload as Record<string, unknown>,
          idempotencyKey: row.idempotency_key,
          attempts: row.attempts + 1,
        })
        await work.outboxDelivered(row.id, clock.now())
        delivered++
      } catch (e) {
        const attempts = row.attempts + 1
        // exponential backoff: 2s, 4s, 8s ... capped at an hour
        const next =
          attempts >= maxAttempts
            ? null
            : new Date(clock.now().getTime() + Math.min(2 ** attempts * 1000, 3_600_000))
        await work.outboxFailed(row.id, e instanceof Error ? e.message : String(e), next)
      }
    }
    return delivered
  }

  async function listOf(
    appKey: string,
    formKey: string,
    query: ListQuery,
    actor: Actor,
  ): Promise<ListResult> {
    const stores = storesOf(store.db)
    const app = await registry.get(store.db, appKey)
    const form = app.form(formKey)
    if (!form) throw errors.formNotFound(appKey, formKey)
    const ctx = {
      ...stores,
      now: clock.now(),
      app,
      timeZone: appTimeZone(app, engineZone),
      flags: { outbox: false },
      changes: [],
      members,
    }
    const who = await actorInApp(ctx, app, actor)
    const scopes = rowScopes(form, who, 'read')
    const scope: ListScope | undefined = actorScopeUsers(scopes, who, form.fields)
    const wf = app.workflowFor(formKey)
    // a field hidden from the actor in any state may not be filtered, sorted or searched on
    const hidden = new Set<string>()
    if (wf)
      for (const s of wf.states)
        for (const f of form.fields) if (fieldAccess(f, wf, s, who) === 'hidden') hidden.add(f.key)
    const withheld = withheldLinked(app, form, who)
    for (const key of withheld) hidden.add(key)
    const linked = linkedFieldsSql(app.definition, form)
    const fields: FieldDefinition[] = form.fields
    const result = await listRecords(store.db, {
      app: appKey,
      form: formKey,
      fields,
      ...(query.filter ? { filter: query.filter } : {}),
      ...(query.sort ? { sort: query.sort } : {}),
      ...(query.limit !== undefined ? { limit: query.limit } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
      ...(query.q ? { q: query.q } : {}),
      ...(query.exactTotal ? { exactTotalUpTo: Number.POSITIVE_INFINITY } : {}),
      ...(scope ? { scope } : {}),
      hidden,
      ...(linked ? { linked } : {}),
    })
    // the access is the same for every row in one state: worked out once per state, not per row
    const accessIn = new Map<string | null, ReturnType<typeof hideWithheld>>()
    const items = result.rows.map((row) => {
      let access = accessIn.get(row.state)
      if (!access && !accessIn.has(row.state)) {
        const state = wf?.states.find((s) => s.key === row.state)
        access = hideWithheld(form, wf ? accessMap(form, wf, state, who) : undefined, withheld)
        accessIn.set(row.state, access)
      }
      return toRecordView(row, row, access)
    })
    return {
      items,
      total: result.total,
      totalIsEstimate: result.totalIsEstimate,
      nextCursor: result.nextCursor,
    }
  }

  async function eventsOf(recordId: string, actor: Actor): Promise<EventView[]> {
    const d = await detail(recordId, actor)
    const rows = await storesOf(store.db).records.events(recordId, d.app)
    return rows.map((r) => toEventView(r, d.access))
  }

  /** Reads outside a transaction report an unreachable database as UNAVAILABLE, as writes do. */
  async function reading<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (e) {
      if (isUnavailable(e)) throw errors.unavailable(e)
      throw e
    }
  }

  return {
    async publish(app, definition: AppDefinition, actor, migration, publishOptions) {
      if (!actor.isAdmin && !actor.system)
        throw errors.forbidden('only a platform admin may publish', '只有平台管理员可以发布')
      const result = await tx(null, (ctx) =>
        publishApp(ctx, app, definition, actor, ctx.now, migration, publishOptions?.onlyIfNew),
      )
      registry.published(app, result.version)
      if (result.skipped) return result
      // after the commit: an index is built CONCURRENTLY, which no transaction may hold
      const listIndexes = await syncListIndexes(store.db, store.kind, app, async (conn) =>
        listIndexPlan((await registry.get(conn, app)).definition),
      )
      return { ...result, listIndexes }
    },

    submit: (app, form, data, actor, submitOptions) =>
      tx(
        app,
        async (ctx) => {
          const written = await ops.create(ctx, form, data, actor, submitOptions ?? {})
          await ctx.settle?.()
          const record = await detailOf(ctx.db, written, actor, false, ctx.memo)
          return submitOptions?.externalKey !== undefined && written.outcome
            ? { ...record, importOutcome: written.outcome }
            : record
        },
        true,
      ),

    update: (recordId, data, actor, expectedVersion) =>
      write(null, actor, (ctx) => ops.update(ctx, recordId, data, actor, expectedVersion)),

    transition: (recordId, key, payload, actor, expectedVersion) =>
      write(null, actor, (ctx) => ops.transition(ctx, recordId, key, payload, actor, expectedVersion)),

    decide: (recordId, decision, comment, actor, expectedVersion) =>
      write(null, actor, (ctx) => ops.decide(ctx, recordId, decision, comment, actor, expectedVersion)),

    get: (recordId, actor) => reading(() => detail(recordId, actor)),

    list: (appKey, formKey, query, actor) => reading(() => listOf(appKey, formKey, query, actor)),

    events: (recordId, actor) => reading(() => eventsOf(recordId, actor)),

    runDueTimers: createTimerSweep({
      db: store.db,
      tx,
      ops,
      clock,
      workerId,
      batch: options.timerBatch ?? (store.kind === 'pglite' ? 50 : 200),
      lanes: options.timerLanes ?? (store.kind === 'pglite' ? 1 : 2),
    }),

    deliverOutbox,

    async openWork(userId, actor) {
      const stores = { ...storesOf(store.db), members }
      // one's own work is always one's own to see; someone else's only for whoever may hand some of it on
      const self = actor.userId === userId
      if (!actor.isAdmin && !actor.system && !self && !(await managesAnywhere(stores, actor, userId)))
        throw errors.forbidden(
          "only an admin, their manager or a head above them may see someone else's open work",
          '只有管理员、其经理或上级部门负责人可以查看他人的待办工作',
        )
      // the caller reads titles through their own field access (a hidden field never names a record)
      const titleOf: TitleOf = async (app, formKey, state, data) => {
        const form = app.form(formKey)
        const wf = app.definition.workflows?.find((w) => w.form === formKey)
        const who = await actorInApp(stores, app, actor)
        return recordTitle(form, data, (f) => fieldAccess(f, wf, state, who) !== 'hidden')
      }
      const items = await openWorkOf(
        store.db,
        (db, app, version) => registry.get(db, app, version),
        userId,
        titleOf,
      )
      if (actor.isAdmin || actor.system || self) return items
      const allowed = new Map<string, boolean>()
      for (const app of new Set(items.map((i) => i.app)))
        allowed.set(app, await managesIn(stores, app, actor, userId))
      return items.filter((i) => allowed.get(i.app))
    },

    reassign: (recordId, from, to, actor, expectedVersion) =>
      write(null, actor, (ctx) =>
        reassignRecord(
          ctx,
          (db, app, version) => registry.get(db, app, version),
          { recordId, from, to, ...(expectedVersion !== undefined ? { expectedVersion } : {}) },
          actor,
        ),
      ),

    ...createOutboxAdmin(store.db, clock, () => {
      if (options.deliver && options.deliverAfterCommit !== false) void deliverOutbox().catch(() => {})
    }),

    /** Moves one instance to the latest version (with a map); refuses with SNAPSHOT_STATE_MISSING and marks it when its state is gone. */
    async migrate(recordId, actor, migration) {
      if (!actor.isAdmin && !actor.system)
        throw errors.forbidden(
          'only a platform admin may migrate instances',
          '只有平台管理员可以迁移流程实例',
        )
      const result = await tx(null, async (ctx) => {
        const row = await ctx.records.lock(recordId)
        const inst = row && (await ctx.records.instance(recordId))
        if (!row || !inst) throw errors.recordNotFound(recordId)
        const latest = await registry.get(ctx.db, row.app)
        const wf = latest.definition.workflows?.find((w) => w.key === inst.workflow)
        if (!wf) throw errors.formNotFound(row.app, row.form)
        const target = migration?.states?.[inst.state] ?? inst.state
        const machine = latest.machine(wf.key)
        const restored = restoreWorkflow(machine, wf, inst.snapshot as PersistedWorkflow, target)
        if (!restored.ok) {
          await ctx.records.markNeedsMigration(recordId, true)
          return errors.snapshotMissing(restored.missing, wf.key, inst.workflow_version, latest.version)
        }
        await ctx.records.writeInstance({
          recordId,
          app: row.app,
          workflow: wf.key,
          workflowVersion: latest.version,
          state: target,
          snapshot: persistWorkflow(machine, restored.snapshot, wf, latest.version),
          assignee: inst.assignee,
          approval: inst.approval,
          needsMigration: false,
          at: ctx.now,
        })
        await ctx.records.moveToVersion(recordId, latest.version, ctx.now)
        if (target !== inst.state) await ctx.work.renameTimerState(recordId, inst.state, target, row.app)
        await ctx.records.appendEvent({
          app: row.app,
          recordId,
          seq: (await ctx.records.lastSeq(recordId, row.app)) + 1,
          type: 'migrated',
          actor: actor.userId,
          at: ctx.now,
          from: inst.state,
          to: target,
          diff: {},
          meta: { fromVersion: inst.workflow_version, toVersion: latest.version },
        })
        ctx.changes.push({
          type: 'migrated',
          app: row.app,
          form: row.form,
          recordId,
          version: row.version + 1,
          state: target,
        })
        return null
      })
      // the mark is committed before the error is raised, so the instance stays flagged
      if (result) throw result
      return toRecordView(...(await rowAndInstance(recordId)))
    },

    /**
     * One transaction; a refused row is undone and reported, the others commit together. Rows run in
     * runs under one savepoint (two statements per run, not per row); when a row is refused its run is
     * rolled back, the rows before it are written again and the refused one alone under its own savepoint.
     */
    importBatch: (app, form, rows, actor) =>
      tx(app, async (ctx) => {
        let savepoints = 0
        const accessByPlace = new Map<string, ReturnType<typeof accessMap>>()
        const one = async (i: number, on: OpContext = ctx): Promise<ImportBatchResult> => {
          const row = rows[i] as (typeof rows)[number]
          const written = await ops.create(on, form, row.data, actor, row.options ?? {})
          const record = await viewOf(on, written, actor, accessByPlace)
          const outcome = written.outcome ?? 'created'
          return { ok: true, record: { ...record, importOutcome: outcome }, outcome }
        }
        const alone = async (i: number): Promise<ImportBatchResult> => {
          const mark = ctx.changes.length
          try {
            return await withSavepoint(ctx.db, `import_row_${savepoints++}`, () => one(i))
          } catch (error) {
            if (!isTesseraError(error)) throw error
            ctx.changes.length = mark
            return { ok: false, error }
          }
        }
        const run = async (from: number, to: number): Promise<ImportBatchResult[]> => {
          const out: ImportBatchResult[] = []
          let start = from
          while (start < to) {
            const mark = ctx.changes.length
            const done: ImportBatchResult[] = []
            let refused = -1
            try {
              await withSavepoint(ctx.db, `import_run_${savepoints++}`, async () => {
                // the run's external keys in one read; new records, instances and events written together
                const keys = rows
                  .slice(start, to)
                  .flatMap((r) => (r.options?.externalKey !== undefined ? [r.options.externalKey] : []))
                const found = await ctx.records.findByExternalKeys(ctx.app.key, form, keys)
                const held = new Set(found.map((r) => r.external_key))
                const absent = new Set(keys.filter((k) => !held.has(k)))
                const deferred = importRunStores(ctx, ctx.app.key, form, absent)
                const runCtx: OpContext = { ...ctx, ...deferred.stores }
                for (let i = start; i < to; i++) {
                  try {
                    done.push(await one(i, runCtx))
                  } catch (error) {
                    if (isTesseraError(error)) refused = i
                    throw error
                  }
                }
                await deferred.flush()
              })
              out.push(...done)
              return out
            } catch (error) {
              if (refused < 0) throw error
              ctx.changes.length = mark
            }
            // the range shrinks on every refusal, so this ends
            if (refused > start) out.push(...(await run(start, refused)))
            out.push(await alone(refused))
            start = refused + 1
          }
          return out
        }
        return run(0, rows.length)
      }),

    finalizeDraft: (recordId, data, actor, expectedVersion) =>
      write(null, actor, async (ctx) => {
        const row = await ctx.records.lock(recordId)
        if (!row?.is_draft) throw errors.recordNotFound(recordId)
        if (row.version !== expectedVersion) throw errors.conflict(expectedVersion, row.version)
        if (row.owner !== actor.userId && !actor.isAdmin)
          throw errors.forbidden('only the author may submit a draft', '只有作者可以提交草稿', { recordId })
        const latest = await registry.get(ctx.db, row.app)
        const sub = { ...ctx, app: latest, timeZone: appTimeZone(latest, engineZone) }
        const merged = {
          ...row.data,
          ...(data && typeof data === 'object' ? (data as Record<string, unknown>) : {}),
        }
        await ctx.records.discardDraft(recordId)
        return ops.create(sub, row.form, merged, actor, { id: recordId })
      }),

    async remove(recordId, actor, expectedVersion) {
      await tx(null, async (ctx) => {
        const row = await ctx.records.lock(recordId)
        if (!row) throw errors.recordNotFound(recordId)
        const inst = await ctx.records.instance(recordId)
        const app = await registry.get(ctx.db, row.app, inst?.workflow_version ?? row.form_version)
        const form = app.form(row.form)
        if (!form) throw errors.formNotFound(row.app, row.form)
        const who = await actorInApp(ctx, app, actor)
        mustSee(form, who, actor, row, inst, ctx.now)
        if (row.version !== expectedVersion) throw errors.conflict(expectedVersion, row.version)
        const target = {
          owner: row.owner,
          assignee: inst?.assignee ?? null,
          data: row.data,
          state: inst?.state ?? null,
        }
        if (!inScope(rowScopes(form, who, 'delete'), target, who, ctx.now))
          throw errors.forbidden('you may not delete this record', '你无权删除此记录', { recordId })
        const version = row.version + 1
        await ctx.work.cancelTimers({ app: row.app, recordId })
        await ctx.records.softDelete(recordId, version, ctx.now)
        await ctx.records.appendEvent({
          app: row.app,
          recordId,
          seq: version,
          type: 'deleted',
          actor: actor.userId,
          at: ctx.now,
          from: inst?.state ?? null,
          to: inst?.state ?? null,
          diff: {},
          // the external key is released by the delete; the event keeps which source row it was
          meta: { via: actor.via ?? null, ...(row.external_key ? { externalKey: row.external_key } : {}) },
        })
        ctx.changes.push({
          type: 'deleted',
          app: row.app,
          form: row.form,
          recordId,
          version,
          state: inst?.state ?? null,
        })
      })
    },

    outbox: (filter) => storesOf(store.db).work.outbox(filter ?? {}),
  }

  async function rowAndInstance(recordId: string) {
    const stores = storesOf(store.db)
    const row = await stores.records.find(recordId)
    if (!row) throw errors.recordNotFound(recordId)
    return [row, await stores.records.instance(recordId)] as const
  }
}

export type TesseraEngine = ReturnType<typeof createEngine>
