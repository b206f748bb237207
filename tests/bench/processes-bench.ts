/**
 * Scale-out on one machine: API submit throughput (autocannon, 48 clients, 2xx only) against one
 * `tessera start` process on PostgreSQL, then against three processes on the same database (the
 * clients split evenly, one autocannon per process, run at once). Ratio = 3 processes / 1 process.
 * On a 2-core machine the database, the servers and the load generator share the CPU, so this shows
 * what a second core's worth of server buys, not what three machines would.
 * Needs DATABASE_URL (skipped without it): a fresh database is created and dropped.
 * Run: pnpm bench processes   (or node --import tsx tests/bench/processes-bench.ts)
 */
import { testDatabases } from '@tessera/runtime'
import autocannon from 'autocannon'
import { type RunningServer, startServer } from '../e2e/support/server.js'
import { apiLogin } from '../e2e/workspace-api.js'
import { emit } from './support/bench-kit.js'

const DURATION = Number(process.env.BENCH_SECONDS ?? 5)
const CONNECTIONS = 48
const body = JSON.stringify({ data: { name: 'Bench Lead', email: 'bench.lead@example.com' } })

async function target(server: RunningServer) {
  const s = await apiLogin(server.url, server.adminEmail, server.adminPassword)
  return {
    url: `${server.url}/api/apps/crm/forms/lead/records`,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
  }
}

/** Submits per second over all targets at once, counting only 201s. */
async function load(targets: Awaited<ReturnType<typeof target>>[]) {
  const results = await Promise.all(
    targets.map((t) =>
      autocannon({
        url: t.url,
        method: 'POST',
        headers: t.headers,
        body,
        connections: Math.floor(CONNECTIONS / targets.length),
        duration: DURATION,
      }),
    ),
  )
  return {
    rps: results.reduce((n, r) => n + r['2xx'] / r.duration, 0),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    non2xx: results.reduce((n, r) => n + r.non2xx + r.errors, 0),
  }
}

const db = testDatabases().find((d) => d.kind === 'pg')
if (!db?.url) console.error('   processes-bench: DATABASE_URL is not set, skipped')
else {
  await (await db.open()).close()
  const servers: RunningServer[] = []
  try {
    // one at a time: the first installs the CRM template, the others find it installed
    // the load comes from one address: without this the default 3000 a minute would answer 429s
    const env = { DATABASE_URL: db.url, TESSERA_RATE_LIMIT: '0' }
    servers.push(await startServer(env))
    const first = [await target(servers[0] as RunningServer)]
    await load(first) // warm-up: compiled forms, pool connections, JIT
    const one = await load(first)
    for (let i = 0; i < 2; i++) servers.push(await startServer(env))
    const all = await Promise.all(servers.map(target))
    await load(all.slice(1))
    const three = await load(all)
    const note = `${CONNECTIONS} clients, ${DURATION}s; p99 ${one.p99} ms vs ${three.p99} ms; non-2xx ${one.non2xx} vs ${three.non2xx}`
    emit({
      name: 'api submit, 3 processes vs 1 (PostgreSQL)',
      product: three.rps,
      baseline: one.rps,
      ratio: three.rps / one.rps,
      unit: 'req/s (baseline = 1 process)',
      note,
    })
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
    await db.dispose()
  }
}
