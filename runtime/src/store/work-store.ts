import { type Kysely, sql } from 'kysely'
import type { Database, OutboxRow, TimerRow } from './database.js'

/** A timer by its key (id, app): the app routes the statement to the timer's shard. */
export type TimerKey = Pick<TimerRow, 'id' | 'app'>

/** Timers and the outbox: durable work that any number of processes share through row locks. */
export const createWorkStore = (db: Kysely<Database>) => ({
  async armTimer(t: {
    app: string
    recordId: string
    state: string
    transition: string
    dueAt: Date
    at: Date
  }): Promise<void> {
    await db
      .insertInto('timer')
      .values({
        app: t.app,
        record_id: t.recordId,
        state: t.state,
        transition: t.transition,
        due_at: t.dueAt,
        status: 'armed',
        created_at: t.at,
      })
      .execute()
  },

  /** Cancels the armed timers of a record (of one state, when given): the state was left. */
  async cancelTimers({
    app,
    recordId,
    state,
  }: {
    app: string
    recordId: string
    state?: string
  }): Promise<number> {
    let q = db
      .updateTable('timer')
      .set({ status: 'cancelled' })
      .where('record_id', '=', recordId)
      .where('app', '=', app)
      .where('status', '=', 'armed')
    if (state) q = q.where('state', '=', state)
    const r = await q.executeTakeFirst()
    return Number(r.numUpdatedRows)
  },

  /** A renamed state keeps its armed timers. */
  async renameTimerState(recordId: string, from: string, to: string, app: string): Promise<void> {
    await db
      .updateTable('timer')
      .set({ state: to })
      .where('record_id', '=', recordId)
      .where('app', '=', app)
      .where('status', '=', 'armed')
      .where('state', '=', from)
      .execute()
  },

  /**
   * Claims up to `limit` due timers in one statement, earliest first. SKIP LOCKED: other processes
   * sweeping at once take other timers, and the row locks hold until the caller's transaction ends.
   */
  async claimDueTimers(now: Date, claimer: string, limit: number): Promise<TimerRow[]> {
    const r = await sql<TimerRow>`
      update timer set claimed_by = ${claimer}
      where id in (
        select id from timer where status = 'armed' and due_at <= ${now}
        order by due_at limit ${limit} for update skip locked)
      returning *`.execute(db)
    return r.rows.sort((a, b) => a.due_at.getTime() - b.due_at.getTime())
  },

  /** Claims one due timer by its id (as `claimDueTimers`: SKIP LOCKED, so none when another has it). */
  async claimDueTimer(id: string, now: Date, claimer: string): Promise<TimerRow | undefined> {
    const r = await sql<TimerRow>`
      update timer set claimed_by = ${claimer}
      where id in (
        select id from timer where id = ${id} and status = 'armed' and due_at <= ${now}
        for update skip locked)
      returning *`.execute(db)
    return r.rows[0]
  },

  /** The workflow state of each of these records (absent when it has no instance). */
  async statesOf(app: string, recordIds: string[]): Promise<Map<string, string>> {
    if (recordIds.length === 0) return new Map()
    const rows = await db
      .selectFrom('workflow_instance')
      .select(['record_id', 'state'])
      .where('record_id', 'in', recordIds)
      .where('app', '=', app)
      .execute()
    return new Map(rows.map((r) => [r.record_id, r.state]))
  },

  /** Settles many claimed timers at once. */
  async finishTimers(timers: TimerKey[], status: 'fired' | 'cancelled', at: Date): Promise<void> {
    if (timers.length === 0) return
    await db
      .updateTable('timer')
      .set({ status, fired_at: status === 'fired' ? at : null, last_error: null })
      .where(
        'id',
        'in',
        timers.map((t) => t.id),
      )
      .where('app', 'in', [...new Set(timers.map((t) => t.app))])
      .execute()
  },

  /** Marks one claimed timer fired unless it was cancelled meanwhile; true when it was still armed. */
  async fireTimerIfArmed({ id, app }: TimerKey, at: Date): Promise<boolean> {
    const r = await db
      .updateTable('timer')
      .set({ status: 'fired', fired_at: at })
      .where('id', '=', id)
      .where('app', '=', app)
      .where('status', '=', 'armed')
      .executeTakeFirst()
    return Number(r.numUpdatedRows) > 0
  },

  async finishTimer(
    { id, app }: TimerKey,
    status: 'fired' | 'cancelled' | 'failed',
    at: Date,
    error?: string,
  ): Promise<void> {
    await db
      .updateTable('timer')
      .set({ status, fired_at: status === 'fired' ? at : null, last_error: error ?? null })
      .where('id', '=', id)
      .where('app', '=', app)
      .execute()
  },

  /** Marks a timer failed unless another worker already settled it. */
  async failTimerIfArmed({ id, app }: TimerKey, at: Date, error: string): Promise<void> {
    await db
      .updateTable('timer')
      .set({ status: 'failed', fired_at: at, last_error: error.slice(0, 2000) })
      .where('id', '=', id)
      .where('app', '=', app)
      .where('status', '=', 'armed')
      .execute()
  },

  async earliestTimer(recordId: string, app: string): Promise<Date | null> {
    const r = await db
      .selectFrom('timer')
      .select(sql<Date | null>`min(due_at)`.as('due'))
      .where('record_id', '=', recordId)
      .where('app', '=', app)
      .where('status', '=', 'armed')
      .executeTakeFirst()
    return r?.due ?? null
  },

  async timers(recordId: string): Promise<TimerRow[]> {
    return db
      .selectFrom('timer')
      .selectAll()
      .where('record_id', '=', recordId)
      .orderBy('created_at')
      .execute()
  },

  /** Writes a message; a second write with the same idempotency key is a no-op. */
  async enqueue(m: {
    kind: 'notify' | 'webhook'
    /** the app the message is about: its distribution key */
    app: string
    recordId: string | null
    payload: Record<string, unknown>
    key: string
    at: Date
  }): Promise<void> {
    await db
      .insertInto('outbox')
      .values({
        app: m.app,
        kind: m.kind,
        record_id: m.recordId,
        payload: JSON.stringify(m.payload),
        idempotency_key: m.key,
        next_attempt_at: m.at,
        status: 'pending',
        created_at: m.at,
      })
      .onConflict((oc) => oc.columns(['idempotency_key', 'app']).doNothing())
      .execute()
  },

  async claimOutbox(now: Date, limit: number): Promise<OutboxRow[]> {
    return db
      .selectFrom('outbox')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute()
  },

  /** Pushes a claimed message's next attempt out while it is being delivered. */
  async leaseOutbox(id: string, until: Date): Promise<void> {
    await db.updateTable('outbox').set({ next_attempt_at: until }).where('id', '=', id).execute()
  },

  async outboxDelivered(id: string, at: Date): Promise<void> {
    await db
      .updateTable('outbox')
      .set((eb) => ({
        status: 'delivered',
        delivered_at: at,
        attempts: eb('attempts', '+', 1),
        last_error: null,
      }))
      .where('id', '=', id)
      .execute()
  },

  async outboxFailed(id: string, error: string, next: Date | null): Promise<void> {
    await db
      .updateTable('outbox')
      .set((eb) => ({
        status: next ? 'pending' : 'dead',
        attempts: eb('attempts', '+', 1),
        last_error: error.slice(0, 2000),
        ...(next ? { next_attempt_at: next } : {}),
      }))
      .where('id', '=', id)
      .execute()
  },

  /**
   * One page of outbox messages in a status, newest first, with the app and form of their record.
   * `before` is the (created_at, id) of the last message of the previous page.
   */
  async outboxPage(q: {
    status: OutboxRow['status']
    limit: number
    before?: { at: Date; id: string }
  }): Promise<(OutboxRow & { form: string | null })[]> {
    let query = db
      .selectFrom('outbox as o')
      .leftJoin('record as r', (j) => j.onRef('r.id', '=', 'o.record_id').onRef('r.app', '=', 'o.app'))
      .selectAll('o')
      .select(['r.form'])
      .where('o.status', '=', q.status)
    if (q.before) {
      const { at, id } = q.before
      query = query.where(sql<boolean>`(o.created_at, o.id) < (${at}, ${id}::uuid)`)
    }
    return query.orderBy('o.created_at', 'desc').orderBy('o.id', 'desc').limit(q.limit).execute()
  },

  /**
   * Puts a given-up (`dead`) message back in the queue with a fresh set of attempts, due now.
   * Undefined when there is no such message; the row unchanged when it was not dead.
   */
  async replayOutbox(id: string, at: Date): Promise<{ row: OutboxRow; replayed: boolean } | undefined> {
    const replayed = await db
      .updateTable('outbox')
      .set({ status: 'pending', attempts: 0, next_attempt_at: at })
      .where('id', '=', id)
      .where('status', '=', 'dead')
      .returningAll()
      .executeTakeFirst()
    if (replayed) return { row: replayed, replayed: true }
    const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst()
    return row && { row, replayed: false }
  },

  async outbox(filter: { recordId?: string; status?: OutboxRow['status'] } = {}): Promise<OutboxRow[]> {
    let q = db.selectFrom('outbox').selectAll()
    if (filter.recordId) q = q.where('record_id', '=', filter.recordId)
    if (filter.status) q = q.where('status', '=', filter.status)
    return q.orderBy('created_at').orderBy('idempotency_key').execute()
  },
})

export type WorkStore = ReturnType<typeof createWorkStore>
