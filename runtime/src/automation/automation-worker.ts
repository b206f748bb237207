import { createHash, randomUUID, timingSafeEqual } from 'node:crypto'
import type { AppDefinition, AutomationDefinition } from '@tessera/schemas'
import { parseCron } from '@tessera/schemas'
import type { Actor, Clock, Engine } from '../engine/engine-types.js'
import { isTesseraError, TesseraError } from '../errors.js'
import type { Store } from '../store/dialect.js'
import type { AutomationRunRow } from '../store/database.js'
import { type ActionContext, planAction } from './automation-actions.js'
import { createAutomationStore, type RunFilter } from './automation-store.js'
import {
  automationVia,
  eventFacts,
  firesOn,
  holds,
  loopProblem,
  parseVia,
  recordScope,
} from './automation-trigger.js'
import { latestSlot } from './cron-schedule.js'
import { scheduleTargets } from './schedule-scope.js'

export interface AutomationWorkerOptions {
  store: Store
  engine: Engine
  clock?: Clock
  workerId?: string
  /** attempts before a run is given up (default 5) */
  maxAttempts?: number
  /** how long a claimed run is ours before another worker may take it over (default 5 min) */
  leaseMs?: number
}

export interface TickResult {
  /** inbox events looked at */
  events: number
  /** runs created (by events and schedule slots) */
  created: number
  succeeded: number
  failed: number
  retried: number
}

export interface DryRun {
  automation: string
  recordId: string | null
  condition: boolean
  actions: { index: number; plan?: Record<string, unknown>; error?: Record<string, unknown> }[]
}

const INBOX_BATCH = 200

function errorOf(e: unknown): Record<string, unknown> {
  if (isTesseraError(e))
    return { code: e.code, message: e.localized, ...(e.details ? { details: e.details } : {}) }
  const text = e instanceof Error ? e.message : String(e)
  return { code: 'INTERNAL', message: { 'zh-CN': text, en: text } }
}

const notFound = (en: string, zh: string) => new TesseraError('NOT_FOUND', { 'zh-CN': zh, en })

/**
 * Automations, durably (issue 9). `tick()` drains the event inbox into runs, creates the runs of due
 * schedule slots, and executes due runs through the engine's public API. Any number of workers may
 * share a database: run keys are unique and runs are claimed with SKIP LOCKED.
 */
export function createAutomationWorker(options: AutomationWorkerOptions) {
  const { store, engine } = options
  const clock = options.clock ?? { now: () => new Date() }
  const workerId = options.workerId ?? `automation-${process.pid}-${randomUUID().slice(0, 8)}`
  const maxAttempts = options.maxAttempts ?? 5
  const leaseMs = options.leaseMs ?? 300_000
  const automations = createAutomationStore(store.db)
  const definitions = new Map<string, AppDefinition>()

  /**
   * Published versions never change: cached by app and version. Inside a transaction pass its store:
   * embedded PGlite runs one transaction at a time, so a query beside it would wait forever.
   */
  async function definition(
    app: string,
    version: number,
    from = automations,
  ): Promise<AppDefinition | undefined> {
    const id = `${app}@${version}`
    const cached = definitions.get(id)
    if (cached) return cached
    const def = (await from.definition(app, version)) as AppDefinition | undefined
    if (def) definitions.set(id, def)
    return def
  }

  const zoneOf = (app: AppDefinition) => app.timeZone ?? 'UTC'

  /** Turns inbox events into runs, in one transaction per batch, so an event is consumed exactly when its runs exist. */
  async function scanEvents(): Promise<{ events: number; created: number }> {
    let events = 0
    let created = 0
    for (;;) {
      const n = await store.db.transaction().execute(async (trx) => {
        const tx = createAutomationStore(trx)
        const inbox = await tx.claimInbox(INBOX_BATCH)
        if (inbox.length === 0) return 0
        const rows = await tx.events(inbox.map((i) => i.event_id))
        const now = clock.now()
        // an import writes thousands of events of one app: ask for its version once per batch
        const versions = new Map<string, number | null>()
        for (const row of rows) {
          if (!versions.has(row.app)) versions.set(row.app, await tx.appOf(row.app))
          const version = versions.get(row.app) ?? null
          const app = version === null ? undefined : await definition(row.app, version, tx)
          const list = app?.automations ?? []
          if (!app || version === null || list.length === 0) continue
          const facts = eventFacts(row)
          const fired = list.filter((a) => firesOn(app, a, facts))
          if (fired.length === 0) continue
          const record = await tx.record(row.record_id)
          if (!record || record.deleted_at) continue
          const scope = recordScope(record, await tx.stateOf(record.id))
          const parent = parseVia(facts.via)
          const parentRun = parent ? await tx.run(parent.runId) : undefined
          const chain = parentRun ? [...parentRun.chain, parentRun.automation] : []
          for (const a of fired) {
            const base = {
              app: row.app,
              automation: a.key,
              appVersion: version,
              runKey: `${a.key}@event:${row.id}`,
              trigger: { on: a.trigger.on, eventId: row.id, eventType: row.type },
              recordId: record.id,
              chain,
              input: { record: scope },
              at: now,
            }
            const loop = loopProblem(chain, a.key)
            let ok = true
            let conditionError: Record<string, unknown> | undefined
            try {
              ok = holds(a.condition, scope, now, zoneOf(app))
            } catch (e) {
              conditionError = errorOf(e)
            }
            if (!ok && !loop && !conditionError) continue
            const failed = loop ?? conditionError
            if (await tx.insertRun(failed ? { ...base, failed } : base)) created++
          }
        }
        await tx.dropInbox(inbox.map((i) => i.event_id))
        return inbox.length
      })
      events += n
      if (n < INBOX_BATCH) return { events, created }
    }
  }

  /** Creates the run of each schedule's latest due slot; the cursor row lock and the run key make it once. */
  async function scanSchedules(): Promise<number> {
    let created = 0
    const now = clock.now()
    for (const { key, version } of await automations.publishedApps()) {
      const app = await definition(key, version)
      for (const a of app?.automations ?? []) {
        if (a.trigger.on !== 'schedule' || !app) continue
        const cron = parseCron(a.trigger.cron)
        if (!cron.ok) continue
        created += await store.db.transaction().execute(async (trx) => {
          const tx = createAutomationStore(trx)
          const last = await tx.lockSchedule(tx.db, key, a.key, now)
          const slot = latestSlot(cron.spec, zoneOf(app), now, last)
          if (!slot) return 0
          await tx.moveSchedule(tx.db, key, a.key, slot)
          let ok = true
          try {
            ok = holds(a.condition, {}, slot, zoneOf(app))
          } catch {
            ok = false
          }
          if (!ok) return 0
          const made = await tx.insertRun({
            app: key,
            automation: a.key,
            appVersion: version,
            runKey: `${a.key}@slot:${slot.toISOString()}`,
            trigger: { on: 'schedule', slot: slot.toISOString() },
            recordId: null,
            chain: [],
            input: {},
            at: now,
          })
          return made ? 1 : 0
        })
      }
    }
    return created
  }

  function contextFor(run: AutomationRunRow, app: AppDefinition, now: Date): ActionContext {
    const actor: Actor = {
      userId: null,
      isAdmin: true,
      system: true,
      via: automationVia(run.automation, run.id),
    }
    const input = run.input ?? {}
    return {
      store,
      automations,
      engine,
      app,
      automation: run.automation,
      runId: run.id,
      generation: typeof input.replays === 'number' ? input.replays : 0,
      actor,
      now,
      timeZone: zoneOf(app),
      recordId: run.record_id,
      input: (input.body as Record<string, unknown> | undefined) ?? {},
    }
  }

  /** A schedule with `each` fans out: one run per matching record, each retried on its own. */
  async function spawnEach(run: AutomationRunRow, a: AutomationDefinition, app: AppDefinition, now: Date) {
    if (a.trigger.on !== 'schedule' || !a.trigger.each) return undefined
    const ids = await scheduleTargets(automations, app.key, a.trigger.each, now, zoneOf(app))
    let spawned = 0
    for (const id of ids)
      if (
        await automations.insertRun({
          app: run.app,
          automation: run.automation,
          appVersion: run.app_version,
          runKey: `${run.run_key}:${id}`,
          trigger: { ...run.trigger, parent: run.id },
          recordId: id,
          chain: [],
          input: {},
          at: now,
        })
      )
        spawned++
    return { matched: ids.length, spawned }
  }

  async function execute(run: AutomationRunRow): Promise<'succeeded' | 'failed' | 'retried'> {
    const now = clock.now()
    const output: { steps: Record<string, unknown>[]; [k: string]: unknown } = {
      steps: Array.isArray(run.output?.steps) ? (run.output.steps as Record<string, unknown>[]) : [],
    }
    const app = await definition(run.app, run.app_version)
    const a = app?.automations?.find((x) => x.key === run.automation)
    if (!app || !a) {
      await automations.finishRun(run.id, 'failed', now, output, {
        code: 'NOT_FOUND',
        message: {
          'zh-CN': `应用 ${run.app} 第 ${run.app_version} 版没有自动化 ${run.automation}`,
          en: `version ${run.app_version} of app ${run.app} has no automation ${run.automation}`,
        },
      })
      return 'failed'
    }
    try {
      const fanned = run.record_id === null ? await spawnEach(run, a, app, now) : undefined
      if (fanned) {
        await automations.finishRun(run.id, 'succeeded', clock.now(), { ...output, ...fanned }, null)
        return 'succeeded'
      }
      const ctx = contextFor(run, app, now)
      // resume after the steps a failed attempt finished: they are not done twice
      for (let i = output.steps.length; i < a.actions.length; i++) {
        const planned = await planAction(ctx, a.actions[i] as NonNullable<(typeof a.actions)[number]>, i)
        output.steps.push({ index: i, type: planned.plan.type, ...(await planned.apply()) })
        await automations.saveOutput(run.id, output)
      }
      await automations.finishRun(run.id, 'succeeded', clock.now(), output, null)
      return 'succeeded'
    } catch (e) {
      const error = { ...errorOf(e), step: output.steps.length, attempt: run.attempts }
      if (run.attempts >= maxAttempts) {
        await automations.finishRun(run.id, 'failed', clock.now(), output, error)
        return 'failed'
      }
      // backoff: 2 s, 4 s, 8 s ... capped at an hour
      const next = new Date(clock.now().getTime() + Math.min(2 ** run.attempts * 1000, 3_600_000))
      await automations.retryRun(run.id, next, output, error)
      return 'retried'
    }
  }

  async function runDue(limit: number) {
    const counts = { succeeded: 0, failed: 0, retried: 0 }
    for (let i = 0; i < limit; i++) {
      const now = clock.now()
      const run = await automations.claimRun(now, new Date(now.getTime() + leaseMs), workerId)
      if (!run) break
      counts[await execute(run)]++
    }
    return counts
  }

  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> | undefined
  let stopped = true

  const worker = {
    workerId,

    /** Scans events and schedules, then runs what is due. Returns what it did. */
    async tick(limit = 100): Promise<TickResult> {
      const scanned = await scanEvents()
      const scheduled = await scanSchedules()
      const ran = await runDue(limit)
      return { events: scanned.events, created: scanned.created + scheduled, ...ran }
    },

    /** Ticks every `intervalMs` until stop(); a tick never overlaps the next. */
    start(intervalMs = 1000) {
      if (!stopped) return
      stopped = false
      const loop = () => {
        if (stopped) return
        running = worker
          .tick()
          .catch(() => undefined)
          .finally(() => {
            if (!stopped) {
              timer = setTimeout(loop, intervalMs)
              timer.unref()
            }
          })
      }
      timer = setTimeout(loop, intervalMs)
      timer.unref()
    },

    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },

    /** The run log, newest first. */
    runs: (filter: RunFilter) => automations.runs(filter),

    run: (id: string) => automations.run(id),

    /** Replay: a finished run (failed, succeeded or skipped) runs again from its first step. */
    async replay(id: string): Promise<AutomationRunRow> {
      const reset = await automations.resetRun(id, clock.now())
      if (reset) return reset
      const run = await automations.run(id)
      if (!run) throw notFound(`automation run ${id} does not exist`, `自动化运行记录 ${id} 不存在`)
      throw new TesseraError('ALREADY_DONE', {
        'zh-CN': `运行 ${id} 仍在进行（${run.status}），结束后才能重放`,
        en: `run ${id} is still ${run.status}; replay it once it has finished`,
      })
    },

    /** A dry run against a chosen record: the condition and what each action would do, writing nothing. */
    async dryRun(appKey: string, key: string, recordId: string | null): Promise<DryRun> {
      const { app, automation, version } = await latest(appKey, key)
      const now = clock.now()
      const fake = {
        id: '00000000-0000-0000-0000-000000000000',
        app: appKey,
        automation: key,
        app_version: version,
        record_id: recordId,
        input: {},
      } as AutomationRunRow
      const ctx = contextFor(fake, app, now)
      let condition = true
      if (recordId) {
        const row = await automations.record(recordId)
        if (!row || row.app !== appKey)
          throw notFound(`record ${recordId} does not exist`, `记录 ${recordId} 不存在`)
        condition = holds(
          automation.condition,
          recordScope(row, await automations.stateOf(row.id)),
          now,
          zoneOf(app),
        )
      }
      const actions: DryRun['actions'] = []
      for (const [index, action] of automation.actions.entries()) {
        try {
          actions.push({ index, plan: (await planAction(ctx, action, index)).plan })
        } catch (e) {
          actions.push({ index, error: errorOf(e) })
        }
      }
      return { automation: key, recordId, condition, actions }
    },

    /**
     * An incoming webhook: the secret compared in constant time, the condition over the body, then a
     * run (the caller's `idempotencyKey` makes a resent delivery the same run).
     */
    async receiveWebhook(
      appKey: string,
      key: string,
      secret: string,
      body: Record<string, unknown>,
      idempotencyKey?: string,
    ): Promise<{ runId: string | null; created: boolean }> {
      const { app, automation, version } = await latest(appKey, key)
      if (automation.trigger.on !== 'webhook')
        throw notFound(`automation ${key} has no webhook trigger`, `自动化 ${key} 不是 webhook 触发`)
      const digest = (s: string) => createHash('sha256').update(s).digest()
      if (!timingSafeEqual(digest(secret), digest(automation.trigger.secret)))
        throw new TesseraError('UNAUTHENTICATED', {
          'zh-CN': 'webhook 密钥不正确',
          en: 'the webhook secret is wrong',
        })
      const now = clock.now()
      if (!holds(automation.condition, body, now, zoneOf(app))) return { runId: null, created: false }
      const runKey = `${key}@webhook:${idempotencyKey ?? randomUUID()}`
      const created = await automations.insertRun({
        app: appKey,
        automation: key,
        appVersion: version,
        runKey,
        trigger: { on: 'webhook', ...(idempotencyKey ? { idempotencyKey } : {}) },
        recordId: null,
        chain: [],
        input: { body },
        at: now,
      })
      const run = await automations.runByKey(runKey)
      return { runId: run?.id ?? null, created }
    },
  }

  async function latest(appKey: string, key: string) {
    const version = await automations.appOf(appKey)
    const app = version === null ? undefined : await definition(appKey, version)
    const automation = app?.automations?.find((a) => a.key === key)
    if (!app || !automation || version === null)
      throw notFound(
        `app ${appKey} has no published automation ${key}`,
        `应用 ${appKey} 没有已发布的自动化 ${key}`,
      )
    return { app, automation, version }
  }

  return worker
}

export type AutomationWorker = ReturnType<typeof createAutomationWorker>
