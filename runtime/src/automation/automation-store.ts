import { type Kysely, sql } from 'kysely'
import type { AutomationRunRow, AutomationTables, Database, EventRow, RecordRow } from '../store/database.js'

type Db = Kysely<Database & AutomationTables>

export interface NewRun {
  app: string
  automation: string
  appVersion: number
  runKey: string
  trigger: Record<string, unknown>
  recordId: string | null
  chain: string[]
  input: Record<string, unknown>
  at: Date
  /** a run refused before it starts (a loop) is written failed, with its error */
  failed?: Record<string, unknown>
}

export interface RunFilter {
  app?: string
  automation?: string
  status?: AutomationRunRow['status']
  recordId?: string
  limit?: number
}

/** The automation tables: the event inbox, schedule cursors and runs. Rows are shared by every process. */
export function createAutomationStore(base: Kysely<Database>) {
  const db: Db = base.withTables<AutomationTables>()
  return {
    db,

    /** The oldest inbox entries no other worker holds, locked until the caller's transaction ends. */
    async claimInbox(limit: number) {
      return db
        .selectFrom('automation_inbox')
        .selectAll()
        .orderBy('at')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute()
    },

    async dropInbox(eventIds: string[]): Promise<void> {
      if (eventIds.length > 0)
        await db.deleteFrom('automation_inbox').where('event_id', 'in', eventIds).execute()
    },

    async events(ids: string[]): Promise<(EventRow & { app: string; form: string })[]> {
      if (ids.length === 0) return []
      const rows = await db
        .selectFrom('event')
        .innerJoin('record', (j) =>
          j.onRef('record.id', '=', 'event.record_id').onRef('record.app', '=', 'event.app'),
        )
        .selectAll('event')
        .select(['record.form'])
        .where('event.id', 'in', ids)
        .execute()
      return rows as (EventRow & { app: string; form: string })[]
    },

    async record(id: string): Promise<RecordRow | undefined> {
      return db.selectFrom('record').selectAll().where('id', '=', id).executeTakeFirst()
    },

    async stateOf(recordId: string): Promise<string | null> {
      const r = await db
        .selectFrom('workflow_instance')
        .select('state')
        .where('record_id', '=', recordId)
        .executeTakeFirst()
      return r?.state ?? null
    },

    /** Inserts a run unless its key exists; true when this call created it. */
    async insertRun(r: NewRun): Promise<boolean> {
      const res = await db
        .insertInto('automation_run')
        .values({
          app: r.app,
          automation: r.automation,
          app_version: r.appVersion,
          run_key: r.runKey,
          trigger: JSON.stringify(r.trigger),
          record_id: r.recordId,
          chain: JSON.stringify(r.chain),
          status: r.failed ? 'failed' : 'pending',
          next_attempt_at: r.at,
          input: JSON.stringify(r.input),
          error: r.failed ? JSON.stringify(r.failed) : null,
          created_at: r.at,
          finished_at: r.failed ? r.at : null,
        })
        .onConflict((oc) => oc.columns(['run_key', 'app']).doNothing())
        .executeTakeFirst()
      return Number(res.numInsertedOrUpdatedRows ?? 0) > 0
    },

    async runByKey(runKey: string): Promise<AutomationRunRow | undefined> {
      return db.selectFrom('automation_run').selectAll().where('run_key', '=', runKey).executeTakeFirst()
    },

    async run(id: string): Promise<AutomationRunRow | undefined> {
      return db.selectFrom('automation_run').selectAll().where('id', '=', id).executeTakeFirst()
    },

    async runs(f: RunFilter): Promise<AutomationRunRow[]> {
      let q = db.selectFrom('automation_run').selectAll()
      if (f.app) q = q.where('app', '=', f.app)
      if (f.automation) q = q.where('automation', '=', f.automation)
      if (f.status) q = q.where('status', '=', f.status)
      if (f.recordId) q = q.where('record_id', '=', f.recordId)
      return q
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(f.limit ?? 100)
        .execute()
    },

    /**
     * Claims one due run: pending and due, or running with an expired lease (its worker died).
     * SKIP LOCKED: many workers claim at once, yet each run is taken by one.
     */
    async claimRun(now: Date, leaseUntil: Date, workerId: string): Promise<AutomationRunRow | undefined> {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('automation_run')
          .selectAll()
          .where((eb) =>
            eb.or([
              eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
              eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)]),
            ]),
          )
          .orderBy('next_attempt_at')
          .limit(1)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst()
        if (!row) return undefined
        return trx
          .updateTable('automation_run')
          .set({
            status: 'running',
            attempts: sql`attempts + 1`,
            lease_until: leaseUntil,
            claimed_by: workerId,
            started_at: row.started_at ?? now,
          })
          .where('id', '=', row.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      })
    },

    /** Saves what the finished steps produced, so a retry resumes after them. */
    async saveOutput(id: string, output: Record<string, unknown>): Promise<void> {
      await db
        .updateTable('automation_run')
        .set({ output: JSON.stringify(output) })
        .where('id', '=', id)
        .execute()
    },

    async finishRun(
      id: string,
      status: 'succeeded' | 'failed' | 'skipped',
      at: Date,
      output: Record<string, unknown>,
      error: Record<string, unknown> | null,
    ): Promise<void> {
      await db
        .updateTable('automation_run')
        .set({
          status,
          finished_at: at,
          lease_until: null,
          output: JSON.stringify(output),
          error: error ? JSON.stringify(error) : null,
        })
        .where('id', '=', id)
        .execute()
    },

    async retryRun(id: string, next: Date, output: Record<string, unknown>, error: Record<string, unknown>) {
      await db
        .updateTable('automation_run')
        .set({
          status: 'pending',
          next_attempt_at: next,
          lease_until: null,
          output: JSON.stringify(output),
          error: JSON.stringify(error),
        })
        .where('id', '=', id)
        .execute()
    },

    /** Replay: a finished run goes back to pending, from its first step, with its attempts reset. */
    async resetRun(id: string, now: Date): Promise<AutomationRunRow | undefined> {
      return db
        .updateTable('automation_run')
        .set({
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          lease_until: null,
          output: null,
          error: null,
          finished_at: null,
          // a new generation: the replay's messages get new idempotency keys, so they are sent again
          input: sql`jsonb_set(input, '{replays}', to_jsonb(coalesce((input->>'replays')::int, 0) + 1))`,
        })
        .where('id', '=', id)
        .where('status', 'in', ['failed', 'succeeded', 'skipped'])
        .returningAll()
        .executeTakeFirst()
    },

    /** Locks a schedule's cursor row, creating it at `now` (no backfill of slots before it was first seen). */
    async lockSchedule(trx: Db, app: string, automation: string, now: Date): Promise<Date> {
      await trx
        .insertInto('automation_schedule')
        .values({ app, automation, last_slot: now })
        .onConflict((oc) => oc.columns(['app', 'automation']).doNothing())
        .execute()
      const row = await trx
        .selectFrom('automation_schedule')
        .select('last_slot')
        .where('app', '=', app)
        .where('automation', '=', automation)
        .forUpdate()
        .executeTakeFirstOrThrow()
      return row.last_slot
    },

    async moveSchedule(trx: Db, app: string, automation: string, slot: Date): Promise<void> {
      await trx
        .updateTable('automation_schedule')
        .set({ last_slot: slot })
        .where('app', '=', app)
        .where('automation', '=', automation)
        .execute()
    },

    /** Apps with a published version, and that version. */
    async publishedApps(): Promise<{ key: string; version: number }[]> {
      const rows = await db
        .selectFrom('app')
        .select(['key', 'published_version'])
        .where('published_version', 'is not', null)
        .execute()
      return rows.map((r) => ({ key: r.key, version: r.published_version as number }))
    },

    async appOf(key: string): Promise<number | null> {
      const r = await db
        .selectFrom('app')
        .select('published_version')
        .where('key', '=', key)
        .executeTakeFirst()
      return r?.published_version ?? null
    },

    async definition(app: string, version: number): Promise<unknown> {
      const r = await db
        .selectFrom('app_version')
        .select('definition')
        .where('app', '=', app)
        .where('version', '=', version)
        .executeTakeFirst()
      return r?.definition
    },
  }
}

export type AutomationStore = ReturnType<typeof createAutomationStore>
