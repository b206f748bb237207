import { type Store, openDatabase } from '@tessera/runtime'
import { afterAll, describe, expect, it } from 'vitest'
import type { Answer, Client } from '../support/proof-client.js'
import { type TesseraProcess, sleep, startTessera, waitFor } from '../support/proof-cluster.js'
import {
  eventsMatchVersions,
  instancesMatchEvents,
  serialsGapFree,
  storedOnce,
} from '../support/proof-invariants.js'
import { type ThrowawayPg, canRunThrowawayPg, startThrowawayPg } from '../support/proof-pg.js'
import { startReceiver } from '../support/proof-receiver.js'
import { setupProofApp } from '../support/proof-setup.js'

/**
 * Issue 8: PostgreSQL restarted under load (a throwaway server this test starts itself). Requests
 * during the outage fail cleanly (503 with Retry-After), the pool recovers by itself, and the
 * invariants hold afterwards.
 */
interface RecordBody {
  id: string
  version: number
}

let pg: ThrowawayPg | undefined
let server: TesseraProcess | undefined
let store: Store | undefined
afterAll(async () => {
  await server?.stop()
  await store?.close()
  pg?.destroy()
})

describe.skipIf(!canRunThrowawayPg())('proof: PostgreSQL restarted under load', () => {
  // Each pg client has its own 'error' listener (dialect.ts): a PostgreSQL shutdown (57P01) while a
  // client is checked out must not kill the server process.
  it('answers 503 with a retry hint while it is down, recovers alone, and keeps every invariant', async () => {
    pg = await startThrowawayPg()
    const receiver = await startReceiver()
    try {
      server = await startTessera({ env: { DATABASE_URL: pg.url, TESSERA_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' } })
      const world = await setupProofApp([server.url], { webhookUrl: receiver.url, timer: 'PT1H' })
      const admin = world.admins[0] as Client

      // Three writers submit (bounded: 40 s or 400 requests) while the database is stopped for 3 s.
      const answers: { ref: string; res: Answer<RecordBody> }[] = []
      let n = 0
      let stopAt = Date.now() + 40_000
      const writer = async () => {
        while (Date.now() < stopAt && n < 400) {
          const ref = `pg-${n++}`
          const res = await admin.call<RecordBody>('POST', '/api/apps/proof/forms/task/records', {
            data: { ref },
          })
          answers.push({ ref, res })
          if (res.status !== 201) await sleep(100)
        }
      }
      const writers = Promise.all([writer(), writer(), writer()])
      await waitFor(async () => answers.length >= 30, 30_000)
      pg.stop()
      await sleep(1000)
      const health = await admin.call('GET', '/api/health')
      await sleep(2000)
      pg.start()
      // Let it run a little after the restart, then stop the writers.
      const recovered = await waitFor(async () => {
        const last = answers.slice(-3)
        return last.length === 3 && last.every((a) => a.res.status === 201)
      }, 30_000)
      stopAt = Date.now() + 2000
      await writers

      expect(
        health.status,
        `the server answered ${health.status}; its output:\n${server.output().slice(-3000)}`,
      ).toBe(503)
      expect(health.headers.get('retry-after')).toBeTruthy()
      expect(recovered, 'submits succeed again after the restart, without restarting the server').toBe(true)
      const statuses = new Map<number, number>()
      for (const a of answers) statuses.set(a.res.status, (statuses.get(a.res.status) ?? 0) + 1)
      // Only success or a clean "try later": never a 500, never a dropped connection.
      expect([...statuses.keys()].filter((s) => s !== 201 && s !== 503)).toEqual([])
      expect(statuses.get(503) ?? 0).toBeGreaterThan(0)
      for (const a of answers.filter((x) => x.res.status === 503))
        expect(a.res.headers.get('retry-after'), a.ref).toBeTruthy()

      store = await openDatabase({ url: pg.url, poolSize: 2 })
      const once = await storedOnce(store.db, 'proof', 'ref')
      expect(once.violations).toEqual([])
      for (const a of answers.filter((x) => x.res.status === 201))
        expect(once.values.get(a.ref), a.ref).toBe(1)
      expect(await eventsMatchVersions(store.db, 'proof')).toEqual([])
      expect(await instancesMatchEvents(store.db, 'proof')).toEqual([])
      expect(await serialsGapFree(store.db, 'proof', 'no')).toEqual([])
    } finally {
      await receiver.close()
    }
  })
})
