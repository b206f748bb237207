/**
 * The submit path to profile: the real server (buildApp, the CRM template) answering BENCH_N API
 * submits (fastify inject, 10 at a time, bearer token) on PostgreSQL when DATABASE_URL is set
 * (the database then runs in its own process, so the profile is the server's own time), else on
 * PGlite in process. Not a *-bench.ts file: run-all does not run it.
 * PROFILE_OUT=<file.cpuprofile> profiles only the submits (the inspector's profiler, the one
 * `node --cpu-prof` uses, started after the warm-up so module loading and compiling stay out):
 *   PROFILE_OUT=/tmp/submit.cpuprofile node --import tsx tests/bench/profile-submit.ts
 *   node --import tsx tests/bench/profile-summary.ts /tmp/submit.cpuprofile
 * `node --cpu-prof --import tsx tests/bench/profile-submit.ts` profiles the whole process instead.
 */
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, testDatabases } from '@tessera/runtime'
import { bootstrapAdmin, buildApp, createServerEngine, createServerStore } from '@tessera/server'
import { crmTemplate } from '@tessera/templates'

const N = Number(process.env.BENCH_N ?? 1000)
const CONCURRENCY = 10
const db = testDatabases().find((d) => d.kind === 'pg')
const url = db?.url
if (db) await (await db.open()).close()
// statements per submit: each is a round trip to the database, the time the profile shows in writev
let statements = 0
const onQuery = () => {
  statements++
}
const runtime = url ? await openDatabase({ url, onQuery }) : await openDatabase({ memory: true, onQuery })
const store = await createServerStore(runtime, url ? { databaseUrl: url } : {})
try {
  await bootstrapAdmin(store, { email: 'bench@example.com', password: 'bench password 1' })
  const engine = createServerEngine(runtime, store, { deliverAfterCommit: false })
  const app = await buildApp({
    engine,
    store,
    options: {
      background: false,
      rateLimit: { max: 10_000_000, windowMs: 60_000 },
      filesDir: join(tmpdir(), 'bench-files'),
    },
  })
  const admin = await store.users.byEmail('bench@example.com')
  if (!admin) throw new Error('bootstrapAdmin made no admin')
  const { token } = await store.tokens.create(admin.id, 'bench')
  await engine.publish('crm', crmTemplate, { userId: admin.id, isAdmin: true, via: 'bench' })
  let next = 0
  const submitAll = (n: number) =>
    Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < n) {
          const i = next++
          const res = await app.inject({
            method: 'POST',
            url: '/api/apps/crm/forms/lead/records',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            payload: { data: { name: `Lead ${i}`, email: `lead.${i}@example.com` } },
          })
          if (res.statusCode !== 201) throw new Error(`submit ${i}: ${res.statusCode} ${res.body}`)
        }
      }),
    )
  // warm-up: the form compiled, the pool connected, the hot functions optimised
  await submitAll(100)
  const session = new Session()
  session.connect()
  if (process.env.PROFILE_OUT) {
    await session.post('Profiler.enable')
    await session.post('Profiler.start')
  }
  const before = statements
  const t = performance.now()
  await submitAll(100 + N)
  const s = (performance.now() - t) / 1000
  if (process.env.PROFILE_OUT) {
    const { profile } = await session.post('Profiler.stop')
    writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile))
  }
  session.disconnect()
  console.error(
    `${N} submits in ${s.toFixed(1)}s (${(N / s).toFixed(0)}/s) on ${url ? 'PostgreSQL' : 'PGlite'}; ` +
      `${((statements - before) / N).toFixed(1)} statements per submit (runtime store)`,
  )
  await app.close()
} finally {
  await store.close()
  await runtime.close()
  await db?.dispose()
}
