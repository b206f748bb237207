import { type Kysely, sql } from 'kysely'
import type { Database, OutboxRow, TimerRow } from './database.js'

/** Timers and the outbox: durable work that any number of processes share through row locks. */
export const createWorkStore = (db: Kysely<Database>) => ({
  async armTimer(t: {
    recordId: string
    state: string
    transition: string
    dueAt: Date
    at: Date
  }): Promise<void> {
    await db
      .insertInto('timer')
      .values({
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
  async cancelTimers(recordId: string, state?: string): Promise<number> {
    let q = db
      .updateTable('timer')
      .set({ status: 'cancelled' })
      .where('record_id', '=', recordId)
      .where('status', '=', 'armed')
    if (state) q = q.where('state', '=', state)
    const r = await q.executeTakeFirst()
    return Number(r.numUpdatedRows)
  },

  /** A renamed state keeps its armed timers. */
  async renameTimerState(recordId: string, from: string, to: string): Promise<void> {
    await db
      .updateTable('timer')
      .set({ state: to })
      .where('record_id', '=', recordId)
      .where('status', '=', 'armed')
      .where('state', '=', from)
      .execute()
  },

  /** SKIP LOCKED: many servers claim due timers, yet each is handed to one of them. */
  async claimDueTimer(now: Date, claimer: string): Promise<TimerRow | undefined> {
    const row = await db
      .selectFrom('timer')
      .selectAll()
      .where('status', '=', 'armed')
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst()
    if (row) await db.updateTable('timer').set({ claimed_by: claimer }).where('id', '=', row.id).execute()
    return row
  },

  async finishTimer(
    id: string,
    status: 'fired' | 'cancelled' | 'failed',
    at: Date,
    error?: string,
  ): Promise<void> {
    await db
      .updateTable('timer')
      .set({ status, fired_at: status === 'fired' ? at : null, last_error: error ?? null })
      .where('id', '=', id)
      .execute()
  },

  /** Marks a timer failed unless another worker already settled it. */
  async failTimerIfArmed(id: string, at: Date, error: string): Promise<void> {
    await db
      .updateTable('timer')
      .set({ status: 'failed', fired_at: at, last_error: error.slice(0, 2000) })
      .where('id', '=', id)
      .where('status', '=', 'armed')
      .execute()
  },

  async earliestTimer(recordId: string): Promise<Date | null> {
    const r = await db
      .selectFrom('timer')
      .select(sql<Date | null>`min(due_at)`.as('due'))
      .where('record_id', '=', recordId)
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
    recordId: string | null
    payload: Record<string, unknown>
    key: string
    at: Date
  }): Promise<void> {
    await db
      .insertInto('outbox')
      .values({
        kind: m.kind,
        record_id: m.recordId,
        payload: JSON.stringify(m.payload),
        idempotency_key: m.key,
        next_attempt_at: m.at,
        status: 'pending',
        created_at: m.at,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
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

  async outbox(filter: { recordId?: string; status?: OutboxRow['status'] } = {}): Promise<OutboxRow[]> {
    let q = db.selectFrom('outbox').selectAll()
    if (filter.recordId) q = q.where('record_id', '=', filter.recordId)
    if (filter.status) q = q.where('status', '=', filter.status)
    return q.orderBy('created_at').orderBy('idempotency_key').execute()
  },
})

export type WorkStore = ReturnType<typeof createWorkStore>
