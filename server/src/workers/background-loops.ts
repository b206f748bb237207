import type { FastifyBaseLogger } from 'fastify'
import { createAutomationWorker } from '@tessera/runtime'
import type { AppContext } from '../app-context.js'
import { failOrphanedImports, STALE_MS } from '../imports/orphaned-imports.js'

/** Due timers one tick of the timer loop fires at most. */
export const TIMERS_PER_TICK = 1000

export interface BackgroundLoops {
  stop(): Promise<void>
}

/**
 * The timer and outbox loops of one server process. Each tick awaits its work before the next is
 * scheduled, so a slow database never stacks ticks; stop() waits for the running tick to finish.
 * Any number of processes may run these: the engine claims work with SKIP LOCKED.
 */
export function startBackgroundLoops(context: AppContext, log: FastifyBaseLogger): BackgroundLoops {
  const { engine, options } = context
  let stopped = false
  const running = new Set<Promise<void>>()
  const automations = createAutomationWorker({ store: context.store.runtime, engine })

  /** `full`: the most one tick does; a tick that did that much goes again at once */
  const loop = (name: string, intervalMs: number, work: () => Promise<number>, full = 100) => {
    let timer: NodeJS.Timeout | undefined
    const tick = async () => {
      if (stopped) return
      try {
        const done = await work()
        // A full batch means more is waiting: go again at once instead of after the interval.
        if (done >= full && !stopped) return schedule(0)
      } catch (err) {
        log.warn({ err }, `${name} loop failed; retrying`)
      }
      schedule(intervalMs)
    }
    const schedule = (ms: number) => {
      if (stopped) return
      timer = setTimeout(() => {
        const p = tick()
        running.add(p)
        void p.finally(() => running.delete(p))
      }, ms)
      timer.unref()
    }
    schedule(intervalMs)
    return () => clearTimeout(timer)
  }

  const orphans = async () => {
    const marked = await failOrphanedImports(context.store.runtime)
    for (const job of marked) log.warn({ job: job.id }, 'import job interrupted: its process is gone')
    return 0
  }
  // at start, so a job of a process that died before this one started stops showing as running
  void orphans().catch((err) => log.warn({ err }, 'checking for interrupted imports failed'))
  const cancels = [
    // up to 1000 a tick, so the engine's batches (200 on PostgreSQL) and lanes are full
    loop('timer', options.timerIntervalMs, () => engine.runDueTimers(TIMERS_PER_TICK), TIMERS_PER_TICK),
    loop('outbox', options.outboxIntervalMs, () => engine.deliverOutbox(100)),
    // automations (issue 9): scan events and schedules, run what is due; claimed with SKIP LOCKED too
    loop('automation', options.timerIntervalMs, async () => {
      const r = await automations.tick(100)
      return r.succeeded + r.failed + r.retried
    }),
    loop('imports', STALE_MS / 2, orphans),
  ]
  return {
    async stop() {
      stopped = true
      for (const cancel of cancels) cancel()
      await Promise.allSettled([...running])
    },
  }
}
