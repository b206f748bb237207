import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ADMIN, type Store, createEngine, manualClock, openDatabase } from '@tessera/runtime'
import type { AppDefinition } from '@tessera/schemas'
import { proofApp } from '../support/proof-app.js'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { type Answer, type Client, client } from '../support/proof-client.js'
import {
  type FreshDatabase,
  type TesseraProcess,
  freshDatabase,
  sleep,
  startTessera,
  waitFor,
} from '../support/proof-cluster.js'
import { awaitImport, type ImportJobBody, taskCsv, uploadImport } from '../support/proof-import.js'
import {
  eventsMatchVersions,
  instancesMatchEvents,
  serialsGapFree,
  storedOnce,
  timersExactlyOnce,
} from '../support/proof-invariants.js'
import { startReceiver } from '../support/proof-receiver.js'
import { pooled, setupProofApp } from '../support/proof-setup.js'

/**
 * Issue 8, "faults": kill -9 during writes, restart, and the store is whole; a webhook receiver
 * that hangs or fails never holds a transition up and is retried with backoff.
 */
const baseUrl = process.env.DATABASE_URL

interface RecordBody {
  id: string
  version: number
  state: string
}

const started: TesseraProcess[] = []
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()))
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {})
})

const jobUrl = (id: string) => `/api/apps/proof/forms/task/imports/${id}`

const count = async (db: Store['db'], where: string) => {
  const { sql } = await import('kysely')
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(where)}`.execute(db)
  return r.rows[0]?.n ?? 0
}

describe.skipIf(!baseUrl)('proof: kill -9 of a server on PostgreSQL', () => {
  let db: FreshDatabase
  let store: Store
  afterAll(async () => {
    await store?.close()
    await db?.drop()
  })

  it('loses no accepted write, half-applies none, re-runs the import and fires outage timers once', async () => {
    db = await freshDatabase(baseUrl as string)
    store = await openDatabase({ url: db.url, poolSize: 2 })
    const receiver = await startReceiver()
    cleanups.push(() => receiver.close())
    const env = { DATABASE_URL: db.url, TESSERA_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' }
    const first = await startTessera({ env })
    started.push(first)
    const world = await setupProofApp([first.url], { webhookUrl: receiver.url, timer: 'PT3S' })
    const admin = world.admins[0] as Client

    const submitted = await pooled(
      Array.from(
        { length: 60 },
        (_, i) => () =>
          admin.call<RecordBody>('POST', '/api/apps/proof/forms/task/records', { data: { ref: `k-${i}` } }),
      ),
      6,
    )
    expect(submitted.every((r) => r.status === 201)).toBe(true)

    // A burst of transitions and an import at once; the process is killed while both are under way.
    const csv = taskCsv('imp', 600)
    const upload = await uploadImport(first.url, world.token, csv)
    expect(upload.status).toBe(202)
    const burst = pooled(
      submitted.map(
        (r) => () =>
          admin.call<RecordBody>('POST', `/api/records/${r.body.id}/transitions/start`, {
            version: r.body.version,
          }),
      ),
      4,
    )
    const killedAt = await waitFor(
      async () => (await count(store.db, "record where data->>'ref' like 'imp-%'")) >= 40,
      120_000,
    )
    expect(killedAt, 'the import was writing before the kill').toBe(true)
    await first.kill9()
    started.splice(started.indexOf(first), 1)
    const answers: Answer<RecordBody>[] = await burst
    const accepted = answers.filter((a) => a.status === 200)
    const cutOff = answers.filter((a) => a.status === 0)
    expect(accepted.length + cutOff.length).toBe(answers.length)
    const importedBeforeKill = await count(store.db, "record where data->>'ref' like 'imp-%'")
    expect(importedBeforeKill).toBeLessThan(600)

    // No server runs while the 3 s timers of the accepted transitions come due.
    await sleep(4000)
    const restarted = await startTessera({ env, port: first.port })
    started.push(restarted)
    const again = client(restarted.url, world.token)

    // Timers due during the outage fire once after the restart; none is lost.
    const fired = await waitFor(
      async () => (await count(store.db, "timer where status = 'armed'")) === 0,
      30_000,
    )
    expect(fired, 'no armed timer left 30 s after the restart').toBe(true)
    const timers = await timersExactlyOnce(store.db, 'proof', 'expire', new Date(), 0)
    expect(timers.violations).toEqual([])
    // Every transition the client saw succeed is stored (with its timer, fired once).
    const startedIds = new Set(
      (
        await store.db.selectFrom('event').select('record_id').where('transition', '=', 'start').execute()
      ).map((e) => e.record_id),
    )
    for (const a of accepted) expect(startedIds.has(a.body.id)).toBe(true)
    expect(timers.fired).toBe(startedIds.size)

    // The killed process's job does not stay `running`: the restart marks it interrupted.
    const orphaned = await waitFor(
      async () => (await again.call<ImportJobBody>('GET', jobUrl(upload.job.id))).body.status === 'failed',
      30_000,
    )
    expect(orphaned, 'the killed import job is marked failed after the restart').toBe(true)
    const interrupted = await again.call<ImportJobBody & { errors: { code: string; reason: string }[] }>(
      'GET',
      jobUrl(upload.job.id),
    )
    expect(interrupted.body.errors.map((e) => e.code)).toEqual(['INTERRUPTED'])
    expect(interrupted.body.errors[0]?.reason).toMatch(/Upload the same file again/)

    // Re-running the whole import reaches the same end state: each row once, nothing half there.
    const rerun = await uploadImport(restarted.url, world.token, csv)
    expect(rerun.status).toBe(202)
    const job = await awaitImport(again, rerun.job.id, 300_000)
    expect(job.status).toBe('done')
    expect(job.created).toBe(600 - importedBeforeKill)
    const once = await storedOnce(store.db, 'proof', 'ref')
    expect(once.violations).toEqual([])
    expect(once.values.size).toBe(660)

    expect(await eventsMatchVersions(store.db, 'proof')).toEqual([])
    expect(await instancesMatchEvents(store.db, 'proof')).toEqual([])
    expect(await serialsGapFree(store.db, 'proof', 'no')).toEqual([])
    // No partial row: every record has its instance and its unique value, and no value is orphaned.
    expect(
      await count(
        store.db,
        "record r where app = 'proof' and not exists (select 1 from workflow_instance i where i.record_id = r.id)",
      ),
    ).toBe(0)
    expect(
      await count(
        store.db,
        "record r where app = 'proof' and not exists (select 1 from unique_value u where u.record_id = r.id)",
      ),
    ).toBe(0)
    expect(
      await count(
        store.db,
        "unique_value u where app = 'proof' and not exists (select 1 from record r where r.id = u.record_id)",
      ),
    ).toBe(0)
    // two starts of tessera on a loaded 2-core machine, and a few hundred requests
  }, 900_000)
})

describe.skipIf(!baseUrl)('proof: kill -9 in the middle of a timer sweep', () => {
  let db: FreshDatabase
  let store: Store
  afterAll(async () => {
    await store?.close()
    await db?.drop()
  })

  it('commits whole batches only, and every timer due during the outage fires once after restart', async () => {
    db = await freshDatabase(baseUrl as string)
    store = await openDatabase({ url: db.url, poolSize: 2 })
    const receiver = await startReceiver()
    cleanups.push(() => receiver.close())
    const env = { DATABASE_URL: db.url, TESSERA_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' }
    const first = await startTessera({ env })
    started.push(first)
    // an hour: nothing is due until the test says so
    const world = await setupProofApp([first.url], { webhookUrl: receiver.url, timer: 'PT1H' })
    const admin = world.admins[0] as Client
    const tasks = 300
    const inWork = await pooled(
      Array.from({ length: tasks }, (_, i) => async () => {
        const r = await admin.call<RecordBody>('POST', '/api/apps/proof/forms/task/records', {
          data: { ref: `s-${i}` },
        })
        return admin.call<RecordBody>('POST', `/api/records/${r.body.id}/transitions/start`, {
          version: r.body.version,
        })
      }),
      6,
    )
    expect(inWork.every((a) => a.status === 200)).toBe(true)
    expect(await count(store.db, "timer where status = 'armed'")).toBe(tasks)

    // Every timer comes due at once; the process sweeps them and is killed half-way.
    await store.db
      .updateTable('timer')
      .set({ due_at: new Date(Date.now() - 60_000) })
      .execute()
    const midway = await waitFor(
      async () => (await count(store.db, "timer where status = 'fired'")) > 0,
      60_000,
    )
    expect(midway, 'the sweep started').toBe(true)
    await first.kill9()
    started.splice(started.indexOf(first), 1)
    const firedBefore = await count(store.db, "timer where status = 'fired'")
    expect(firedBefore, 'killed before the sweep was through').toBeLessThan(tasks)
    // nothing half-applied: a fired timer has its expire event, an armed one none
    const before = await timersExactlyOnce(store.db, 'proof', 'expire', new Date(0), 0)
    expect(before.violations).toEqual([])
    expect(before.fired).toBe(firedBefore)
    expect(await count(store.db, "event where transition = 'expire'")).toBe(firedBefore)

    await sleep(2000)
    const restarted = await startTessera({ env, port: first.port })
    started.push(restarted)
    const through = await waitFor(
      async () => (await count(store.db, "timer where status = 'armed'")) === 0,
      90_000,
    )
    expect(through, 'every due timer fired after the restart').toBe(true)
    const after = await timersExactlyOnce(store.db, 'proof', 'expire', new Date(), 0)
    expect(after.violations).toEqual([])
    expect(after.fired).toBe(tasks)
    expect(await count(store.db, "workflow_instance where app = 'proof' and state = 'expired'")).toBe(tasks)
    expect(await eventsMatchVersions(store.db, 'proof')).toEqual([])
    expect(await instancesMatchEvents(store.db, 'proof')).toEqual([])
    // two starts of tessera on a loaded 2-core machine, and a few hundred requests
  }, 900_000)
})

describe('proof: the embedded database after kill -9', () => {
  it('reopens a data directory killed while writing (stale lock taken over), with every write whole', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tessera-proof-kill-'))
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }))
    const receiver = await startReceiver()
    cleanups.push(() => receiver.close())
    const env = { TESSERA_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' }
    const first = await startTessera({ env, dataDir })
    started.push(first)
    const world = await setupProofApp([first.url], { webhookUrl: receiver.url, timer: 'PT1H' })
    const admin = world.admins[0] as Client
    let done = 0
    const burst = pooled(
      Array.from({ length: 80 }, (_, i) => async () => {
        const r = await admin.call<RecordBody>('POST', '/api/apps/proof/forms/task/records', {
          data: { ref: `e-${i}`, title: 'x'.repeat(150) },
        })
        done++
        return r
      }),
      4,
    )
    await waitFor(async () => done >= 15, 30_000)
    await first.kill9()
    started.splice(started.indexOf(first), 1)
    const answers = await burst
    const accepted = answers.filter((a) => a.status === 201)
    expect(accepted.length).toBeGreaterThanOrEqual(15)

    // The lock file of the killed process is still there; a new start takes it over.
    const restarted = await startTessera({ env, dataDir })
    started.push(restarted)
    const again = client(restarted.url, world.token)
    for (const a of accepted) expect((await again.call('GET', `/api/records/${a.body.id}`)).status).toBe(200)
    const more = await again.call('POST', '/api/apps/proof/forms/task/records', { data: { ref: 'after' } })
    expect(more.status).toBe(201)
    await restarted.stop()
    started.splice(started.indexOf(restarted), 1)

    const store = await openDatabase({ dataDir })
    try {
      expect(await eventsMatchVersions(store.db, 'proof')).toEqual([])
      expect(await instancesMatchEvents(store.db, 'proof')).toEqual([])
      expect(await serialsGapFree(store.db, 'proof', 'no')).toEqual([])
      const once = await storedOnce(store.db, 'proof', 'ref')
      expect(once.violations).toEqual([])
      for (const a of accepted)
        expect(once.values.has(String((a.body as { data?: { ref?: string } }).data?.ref))).toBe(true)
    } finally {
      await store.close()
    }
  })
})

describe('proof: a webhook receiver that hangs, then fails, then recovers', () => {
  it('never holds the transition up, retries with growing backoff and delivers in the end', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tessera-proof-hook-'))
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }))
    // attempt 1 hangs (the server's 10 s webhook timeout), 2 and 3 answer 500, 4 is accepted
    const receiver = await startReceiver({
      answer: (_key, attempt) => (attempt === 1 ? 'hang' : attempt <= 3 ? 500 : 200),
    })
    cleanups.push(() => receiver.close())
    const server = await startTessera({ env: { TESSERA_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' }, dataDir })
    started.push(server)
    const world = await setupProofApp([server.url], { webhookUrl: receiver.url, timer: 'PT1H' })
    const admin = world.admins[0] as Client
    const rec = await admin.call<RecordBody>('POST', '/api/apps/proof/forms/task/records', {
      data: { ref: 'w-1' },
    })
    expect(rec.status).toBe(201)

    const t0 = Date.now()
    const moved = await admin.call<RecordBody>('POST', `/api/records/${rec.body.id}/transitions/start`, {
      version: rec.body.version,
    })
    const took = Date.now() - t0
    expect(moved.status).toBe(200)
    // The receiver is hanging on this very delivery; the transition answered without waiting for it.
    await waitFor(async () => receiver.deliveries.length >= 1, 5_000)
    expect(receiver.deliveries[0]?.status).toBe(0)
    expect(took).toBeLessThan(3000)
    // Reads and writes go on while the delivery hangs.
    const read = await admin.call('GET', `/api/records/${rec.body.id}`)
    expect(read.status).toBe(200)

    const delivered = await waitFor(async () => receiver.accepted().size === 1, 60_000)
    expect(delivered, 'delivered on the fourth attempt within 60 s').toBe(true)
    const times = receiver.deliveries.map((d) => d.at)
    expect(receiver.deliveries.map((d) => d.status)).toEqual([0, 500, 500, 200])
    // Backoff grows: after the 2nd failure the wait is at least 4 s, after the 3rd at least 8 s.
    const gap2 = (times[2] ?? 0) - (times[1] ?? 0)
    const gap3 = (times[3] ?? 0) - (times[2] ?? 0)
    expect(gap2).toBeGreaterThanOrEqual(3_500)
    expect(gap3).toBeGreaterThanOrEqual(7_500)
    // One key for every attempt: the receiver can drop repeats.
    expect(new Set(receiver.deliveries.map((d) => d.key)).size).toBe(1)
    await server.stop()
    started.splice(started.indexOf(server), 1)

    const store = await openDatabase({ dataDir })
    try {
      const row = await store.db
        .selectFrom('outbox')
        .selectAll()
        .where('kind', '=', 'webhook')
        .executeTakeFirstOrThrow()
      expect(row.status).toBe('delivered')
      expect(row.attempts).toBe(4)
      expect(row.delivered_at).not.toBeNull()
    } finally {
      await store.close()
    }
  })
})

describe('proof: a webhook that never succeeds', () => {
  it('ends in the visible dead state after its attempts, with the last error kept', async () => {
    const store = await openDatabase({ memory: true })
    const clock = manualClock()
    let calls = 0
    const engine = createEngine({
      store,
      clock,
      maxAttempts: 3,
      deliverAfterCommit: false,
      deliver: async () => {
        calls++
        throw new Error('webhook 127.0.0.1:9 answered 500')
      },
    })
    try {
      const definition = proofApp({
        webhookUrl: 'http://127.0.0.1:9/hook',
        timer: 'PT1H',
      }) as unknown as AppDefinition
      await engine.publish('proof', definition, ADMIN)
      const rec = await engine.submit('proof', 'task', { ref: 'dead-1' }, ADMIN)
      await engine.transition(rec.id, 'start', {}, ADMIN, rec.version)
      const waits: number[] = []
      for (let i = 0; i < 5; i++) {
        await engine.deliverOutbox(10)
        const [row] = await engine.outbox({ recordId: rec.id })
        if (row?.status !== 'pending') break
        const wait = new Date(row.next_attempt_at).getTime() - clock.now().getTime()
        waits.push(wait)
        clock.advance(wait)
      }
      // 2 s, then 4 s; the third failure is final (maxAttempts 3): no further attempt is made.
      expect(waits).toEqual([2000, 4000])
      expect(calls).toBe(3)
      const [row] = await engine.outbox({ recordId: rec.id })
      expect(row?.status).toBe('dead')
      expect(row?.attempts).toBe(3)
      expect(row?.last_error).toContain('500')
      clock.advance(3_600_000)
      expect(await engine.deliverOutbox(10)).toBe(0)
      expect(calls).toBe(3)
    } finally {
      await store.close()
    }
  })
})
