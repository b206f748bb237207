import { isTesseraError } from '../errors.js'
import type { Kysely } from 'kysely'
import type { Database, TimerRow } from '../store/database.js'
import { type OpContext, storesOf } from './engine-context.js'
import type { Actor, Clock } from './engine-types.js'
import type { RecordOps } from './record-ops.js'

const SYSTEM: Actor = { userId: null, isAdmin: false, system: true, via: 'timer' }

export interface TimerSweepDeps {
  db: Kysely<Database>
  tx: <T>(app: string | null, fn: (ctx: OpContext) => Promise<T>) => Promise<T>
  ops: RecordOps
  clock: Clock
  workerId: string
  /** how many due timers one transaction claims and fires */
  batch: number
}

/** A timer whose transition was refused inside a batch: the batch is undone and fired one by one. */
class BatchRefused extends Error {}

/**
 * Fires due timers, each exactly once however many processes sweep at once.
 *
 * Fast path: one transaction claims a batch (one statement), reads the batch's states (one),
 * settles the timers whose state is gone and marks the others fired (one each), then runs their
 * transitions. When any transition is refused (its guard, a state gone), the whole batch rolls
 * back and those timers are fired one per transaction, so one bad timer marks only itself failed.
 */
export function createTimerSweep({ db, tx, ops, clock, workerId, batch: batchSize }: TimerSweepDeps) {
  async function fireBatch(ctx: OpContext, limit: number): Promise<{ claimed: number; fired: number }> {
    const timers = await ctx.work.claimDueTimers(ctx.now, workerId, limit)
    if (timers.length === 0) return { claimed: 0, fired: 0 }
    const states = await ctx.work.statesOf([...new Set(timers.map((t) => t.record_id))])
    const stale = timers.filter((t) => states.get(t.record_id) !== t.state)
    const live = timers.filter((t) => states.get(t.record_id) === t.state)
    // the state was left without its exit cancelling the timer (e.g. an import moved it)
    await ctx.work.finishTimers(
      stale.map((t) => t.id),
      'cancelled',
      ctx.now,
    )
    // Fired before the transitions, so the exit of the state a timer fires from does not cancel it.
    // A record with two timers in the batch: the second is settled after the first has run.
    const perRecord = new Map<string, TimerRow[]>()
    for (const t of live) perRecord.set(t.record_id, [...(perRecord.get(t.record_id) ?? []), t])
    const alone = live.filter((t) => perRecord.get(t.record_id)?.length === 1)
    await ctx.work.finishTimers(
      alone.map((t) => t.id),
      'fired',
      ctx.now,
    )
    let fired = 0
    const seen = new Set<string>()
    for (const t of live) {
      const again = seen.has(t.record_id)
      seen.add(t.record_id)
      if (perRecord.get(t.record_id)?.length !== 1) {
        const state = again ? (await ctx.work.statesOf([t.record_id])).get(t.record_id) : t.state
        if (state !== t.state) {
          await ctx.work.finishTimers([t.id], 'cancelled', ctx.now)
          continue
        }
        if (!(await ctx.work.fireTimerIfArmed(t.id, ctx.now))) continue
      }
      try {
        await ops.transition(ctx, t.record_id, t.transition, {}, SYSTEM)
      } catch (e) {
        if (isTesseraError(e)) throw new BatchRefused(e.message)
        throw e
      }
      fired++
    }
    return { claimed: timers.length, fired }
  }

  /** One timer in its own transaction (the path of a batch that had a refused transition). */
  async function fireOne(): Promise<'none' | 'fired' | 'settled'> {
    let claimed: { id: string } | undefined
    try {
      return await tx(null, async (ctx) => {
        const [timer] = await ctx.work.claimDueTimers(ctx.now, workerId, 1)
        if (!timer) return 'none' as const
        claimed = timer
        const state = (await ctx.work.statesOf([timer.record_id])).get(timer.record_id)
        if (state !== timer.state) {
          await ctx.work.finishTimer(timer.id, 'cancelled', ctx.now)
          return 'settled' as const
        }
        await ctx.work.finishTimer(timer.id, 'fired', ctx.now)
        await ops.transition(ctx, timer.record_id, timer.transition, {}, SYSTEM)
        return 'fired' as const
      })
    } catch (e) {
      // the transition was refused: the timer is spent, the reason kept
      const id = claimed?.id
      if (!id || !isTesseraError(e)) throw e
      await storesOf(db).work.failTimerIfArmed(id, clock.now(), `${e.code}: ${e.message}`)
      return 'settled'
    }
  }

  /** Fires up to `limit` due timers; returns how many transitions ran. */
  return async function runDueTimers(limit = 100): Promise<number> {
    let fired = 0
    let handled = 0
    while (handled < limit) {
      const size = Math.min(batchSize, limit - handled)
      let batch: { claimed: number; fired: number }
      try {
        batch = await tx(null, (ctx) => fireBatch(ctx, size))
      } catch (e) {
        if (!(e instanceof BatchRefused)) throw e
        for (let i = 0; i < size; i++) {
          const outcome = await fireOne()
          if (outcome === 'none') break
          handled++
          if (outcome === 'fired') fired++
        }
        continue
      }
      if (batch.claimed === 0) break
      handled += batch.claimed
      fired += batch.fired
    }
    return fired
  }
}
