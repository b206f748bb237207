import {
  ADMIN,
  type AutomationWorker,
  createAutomationWorker,
  createEngine,
  leadApp,
  manualClock,
  type Store,
  type TesseraEngine,
} from '@tessera/runtime'
import type { AppDefinition, AutomationDefinition } from '@tessera/schemas'
import { verifyApp } from '@tessera/schemas'

export type TestClock = ReturnType<typeof manualClock>

export interface AutomationRig {
  store: Store
  engine: TesseraEngine
  worker: AutomationWorker
  clock: TestClock
}

/** The engine's lead app under `key` with these automations, verified, then published. */
export async function publishWith(
  rig: Pick<AutomationRig, 'engine'>,
  key: string,
  automations: AutomationDefinition[],
  extra: Partial<AppDefinition> = {},
): Promise<AppDefinition> {
  const app: AppDefinition = { ...leadApp(key), ...extra, automations }
  const verdict = verifyApp(app)
  if (!verdict.ok) throw new Error(JSON.stringify(verdict.errors, null, 2))
  await rig.engine.publish(key, app, ADMIN)
  return app
}

export function rigOn(store: Store, clock: TestClock = manualClock(), workerId?: string): AutomationRig {
  const engine = createEngine({ store, clock, latestVersionTtlMs: 0 })
  const worker = createAutomationWorker({ store, engine, clock, ...(workerId ? { workerId } : {}) })
  return { store, engine, worker, clock }
}

/** Ticks until nothing is left to scan or run (each tick may create runs the next one executes). */
export async function settle(worker: AutomationWorker, rounds = 10) {
  const total = { events: 0, created: 0, succeeded: 0, failed: 0, retried: 0 }
  for (let i = 0; i < rounds; i++) {
    const r = await worker.tick()
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k]
    if (r.events === 0 && r.created === 0 && r.succeeded + r.failed + r.retried === 0) break
  }
  return total
}
