/**
 * Memory: resident set size of a `tessera start` process at rest (after start, the CRM installed)
 * and right after a burst of 2,000 API submits (20 at a time), next to a bare fastify process at
 * rest started the same way (node --import tsx). Embedded PGlite runs inside the tessera process, so
 * its figure includes the database; with DATABASE_URL set a second tessera on PostgreSQL shows the
 * server alone. Ratio = product / baseline here: how many times the memory of bare fastify.
 * Run: pnpm bench memory   (or node --import tsx tests/bench/memory-bench.ts)
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { testDatabases } from '@tessera/runtime'
import { startServer } from '../e2e/support/server.js'
import { apiLogin } from '../e2e/workspace-api.js'
import { emit } from './support/bench-kit.js'
import { residentMb, tesseraPid } from './support/process-memory.js'

const BURST = Number(process.env.BENCH_BURST ?? 2000)
const CONCURRENCY = 20
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function bareFastifyMb(): Promise<number> {
  const child = spawn('node', ['--import', 'tsx', join(import.meta.dirname, 'support', 'bare-fastify.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  try {
    const [first] = (await once(child.stdout, 'data')) as [Buffer]
    if (!/^\d+/.test(first.toString())) throw new Error(`bare fastify printed ${first.toString()}`)
    await settle(2000)
    return residentMb(child.pid as number).rss
  } finally {
    child.kill('SIGTERM')
  }
}

async function burst(url: string, email: string, password: string): Promise<number> {
  const s = await apiLogin(url, email, password)
  let next = 0
  let failed = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < BURST) {
        const i = next++
        const res = await fetch(`${url}/api/apps/crm/forms/lead/records`, {
          method: 'POST',
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ data: { name: `Bench Lead ${i}`, email: `bench.lead.${i}@example.com` } }),
        })
        await res.arrayBuffer()
        if (res.status !== 201) failed++
      }
    }),
  )
  return failed
}

async function measure(kind: string, bare: number, env: Record<string, string>) {
  const server = await startServer(env)
  try {
    const pid = tesseraPid(new URL(server.url).port)
    await settle(2000)
    const rest = residentMb(pid).rss
    const t = performance.now()
    const failed = await burst(server.url, server.adminEmail, server.adminPassword)
    const seconds = (performance.now() - t) / 1000
    const after = residentMb(pid)
    const note = `${BURST} submits in ${seconds.toFixed(1)}s${failed ? `, ${failed} not 201` : ''}; peak ${after.peak.toFixed(0)} MB`
    emit({
      name: `memory tessera start at rest (${kind})`,
      product: rest,
      baseline: bare,
      ratio: rest / bare,
      unit: 'MB RSS (ratio = product/bare fastify)',
    })
    emit({
      name: `memory tessera start after ${BURST} submits (${kind})`,
      product: after.rss,
      baseline: bare,
      ratio: after.rss / bare,
      unit: 'MB RSS (ratio = product/bare fastify)',
      note,
    })
  } finally {
    await server.stop()
  }
}

const bare = await bareFastifyMb()
await measure('PGlite in process', bare, {})
for (const db of testDatabases()) {
  if (db.kind !== 'pg' || !db.url) continue
  // open once so the fresh database exists (and is migrated) before the server joins it
  await (await db.open()).close()
  try {
    await measure('PostgreSQL', bare, { DATABASE_URL: db.url })
  } finally {
    await db.dispose()
  }
}
