import { isTesseraError } from '../errors.js'
import type { Kysely } from 'kysely'
import type { Database, TimerRow } from '../store/database.js'
import { type OpContext, storesOf } from './engine-context.js'
import type { Actor, Clock } from './engine-types.js'
import type { RecordOps } from './record-ops.js'

const SYSTEM: Actor = { userId: null, isAdmin: false, system: true, via: 'timer' }

export interface TimerSweepDeps {
  db: Kysely<Database>
  /** one transaction; with `behind`, its record and timer writes wait and go out together */
  tx: <T>(app: string | null, fn: (ctx: OpContext) => Promise<T>, behind?: boolean) => Promise<T>
  ops: RecordOps
  clock: Clock
  workerId: string
  /** how many due timers one transaction claims and fires */
  batch: number
  /** how many batches run at once, each in its own transaction (1 where there is one connection) */
  lanes: number
}

/** A timer whose transition was refused inside a batch: the batch is undone, that timer fired alone. */
class BatchRefused extends Error {
  constructor(
    readonly timerId: string,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Fires due timers, each exactly once however many processes sweep at once.
 *
 * Fast path: one transaction claims a batch (one statement), locks the batch's records and reads
 * their instances (one), settles the timers whose state is gone and marks the others fired (one
 * each), then runs their transitions. Those find their record already locked (`hold`), and their
 * record, instance, event and timer writes wait and go out as one statement at the end
 * (write-behind.ts), so a batch (200 on PostgreSQL) is about 6 round trips. When a transition is
 * refused (its guard, a state gone), the whole batch rolls back, the refused timer is fired alone in
 * its own transaction (so it marks only itself failed) and the sweep goes on in batches; when the
 * next batch of the same lane is refused too, that many timers are fired one per transaction, so a
 * run of bad timers costs one transaction each, not one batch each. On PostgreSQL `lanes` batches
 * run at once: SKIP LOCKED gives each its own timers, and the database works on one while this
 * process computes another.
 */
export function createTimerSweep({ db, tx, ops, clock, workerId, batch: batchSize, lanes }: TimerSweepDeps) {
  async function fireBatch(ctx: OpContext, limit: number): Promise<{ claimed: number; fired: number }> {
    const timers = await ctx.work.claimDueTimers(ctx.now, workerId, limit)
    if (timers.length === 0) return { claimed: 0, fired: 0 }
    const locked = await ctx.records.lockManyWithInstances(timers.map((t) => t.record_id))
    ctx.hold?.(locked)
    const states = new Map<string, string | undefined>(
      [...locked].map(([id, found]) => [id, found.instance?.state]),
    )
    const stale = timers.filter((t) => states.get(t.record_id) !== t.state)
    const live = timers.filter((t) => states.get(t.record_id) === t.state)
    // the state was left without its exit cancelling the timer (e.g. an import moved it)
    await ctx.work.finishTimers(stale, 'cancelled', ctx.now)
    // Fired before the transitions, so the exit of the state a timer fires from does not cancel it.
    // A record with two timers in the batch: the second is settled after the first has run.
    const perRecord = new Map<string, TimerRow[]>()
    for (const t of live) perRecord.set(t.record_id, [...(perRecord.get(t.record_id) ?? []), t])
    const alone = live.filter((t) => perRecord.get(t.record_id)?.length === 1)
    await ctx.work.finishTimers(alone, 'fired', ctx.now)
    let fired = 0
    const seen = new Set<string>()
    for (const t of live) {
      const again = seen.has(t.record_id)
      seen.add(t.record_id)
      if (perRecord.get(t.record_id)?.length !== 1) {
        const state = again ? (await ctx.work.statesOf(t.app, [t.record_id])).get(t.record_id) : t.state
        if (state !== t.state) {
          await ctx.work.finishTimers([t], 'cancelled', ctx.now)
          continue
        }
        if (!(await ctx.work.fireTimerIfArmed(t, ctx.now))) continue
      }
      try {
        await ops.transition(ctx, t.record_id, t.transition, {}, SYSTEM)
      } catch (e) {
        if (isTesseraError(e)) throw new BatchRefused(t.id, e.message)
        throw e
      }
      fired++
    }
    return { claimed: timers.length, fired }
  }

  /** One timer (this one, or the earliest due) in its own transaction: the path of a refused batch. */
  async function fireOne(id?: string): Promise<'none' | 'fired' | 'settled'> {
    let claimed: { id: string; app: string } | undefined
    try {
      return await tx(null, async (ctx) => {
        const timer =
          id === undefined
            ? (await ctx.work.claimDueTimers(ctx.now, workerId, 1))[0]
            : await ctx.work.claimDueTimer(id, ctx.now, workerId)
        if (!timer) return 'none' as const
        claimed = timer
        const state = (await ctx.work.statesOf(timer.app, [timer.record_id])).get(timer.record_id)
        if (state !== timer.state) {
          await ctx.work.finishTimer(timer, 'cancelled', ctx.now)
          return 'settled' as const
        }
        await ctx.work.finishTimer(timer, 'fired', ctx.now)
        await ops.transition(ctx, timer.record_id, timer.transition, {}, SYSTEM)
        return 'fired' as const
      })
    } catch (e) {
      // the transition was refused: the timer is spent, the reason kept
      if (!claimed || !isTesseraError(e)) throw e
      await storesOf(db).work.failTimerIfArmed(claimed, clock.now(), `${e.code}: ${e.message}`)
      return 'settled'
    }
  }

  /** Fires up to `limit` due timers; returns how many transitions ran. */
  return async function runDueTimers(limit = 100): Promise<number> {
    let fired = 0
    // timers handled or taken by a batch on its way, so the lanes together stay within `limit`
    let reserved = 0
    let drained = false
    async function lane() {
      // the last batch of this lane was refused: the next refusal goes one by one
      let refused = false
      while (!drained && reserved < limit) {
        const size = Math.min(batchSize, limit - reserved)
        reserved += size
        let batch: { claimed: number; fired: number }
        try {
          batch = await tx(null, (ctx) => fireBatch(ctx, size), true)
        } catch (e) {
          if (!(e instanceof BatchRefused)) {
            reserved -= size
            throw e
          }
          if (!refused) {
            refused = true
            const outcome = await fireOne(e.timerId)
            if (outcome === 'fired') fired++
            reserved -= outcome === 'none' ? size : size - 1
            continue
          }
          refused = false
          let handled = 0
          for (; handled < size; handled++) {
            const outcome = await fireOne()
            if (outcome === 'none') break
            if (outcome === 'fired') fired++
          }
          reserved -= size - handled
          continue
        }
        refused = false
        reserved -= size - batch.claimed
        if (batch.claimed === 0) drained = true
        fired += batch.fired
      }
    }
    await Promise.all(Array.from({ length: Math.max(1, lanes) }, lane))
    return fired
  }
}
