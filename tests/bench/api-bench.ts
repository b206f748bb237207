/**
 * Benchmark: the HTTP API (submit, transition, list) under 50 concurrent clients (autocannon on
 * loopback), next to a raw fastify + pg server doing the same rows by hand in the same run: insert
 * the record, its workflow instance and its event; lock and update record and instance, append the
 * event; select a page and count. Requests per second and p99 latency, and their ratios.
 * Needs PostgreSQL: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; a fresh database
 * is created and dropped. Prints JSON lines {name, product, baseline, ratio, unit, note}.
 * Run: pnpm --filter @tessera/tests exec tsx bench/api-bench.ts
 */
import autocannon from 'autocannon'
import pg from 'pg'
import { startProductServer } from './support/api-product.js'
import { startRawServer } from './support/api-raw.js'

const DURATION = Number(process.env.BENCH_SECONDS ?? 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const POOL = 10
const base = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
const dbName = `tessera_bench_${process.pid}`
const url = (() => {
  const u = new URL(base)
  u.pathname = `/${dbName}`
  return u.toString()
})()

interface Measured {
  rps: number
  p99: number
  non2xx: number
}

async function load(target: string, opts: Partial<autocannon.Options>): Promise<Measured> {
  const result = await autocannon({ url: target, connections: CONNECTIONS, duration: DURATION, ...opts })
  // Only successful answers count: a run that ran out of records must not look faster for its 409s.
  return {
    rps: result['2xx'] / result.duration,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
  }
}

async function admin(sqlText: string) {
  const c = new pg.Client({ connectionString: base })
  await c.connect()
  try {
    await c.query(sqlText)
  } finally {
    await c.end()
  }
}

/** autocannon request that walks through the waiting records, one transition each. */
const walk = (ids: string[], path: (id: string) => string) => {
  let next = 0
  return [
    {
      method: 'POST' as const,
      setupRequest: (req: autocannon.Request) => ({ ...req, path: path(ids[next++ % ids.length]!) }),
    },
  ]
}

function report(name: string, p: Measured, b: Measured) {
  const note = p.non2xx || b.non2xx ? `non-2xx: product ${p.non2xx}, baseline ${b.non2xx}` : undefined
  console.log(
    JSON.stringify({
      name: `api ${name}`,
      product: p.rps,
      baseline: b.rps,
      ratio: p.rps / b.rps,
      unit: 'req/s',
      ...(note ? { note } : {}),
    }),
  )
  // Latency: the ratio is baseline / product, so as for throughput higher is better and 1 is parity.
  console.log(
    JSON.stringify({
      name: `api ${name} p99`,
      product: p.p99,
      baseline: b.p99,
      ratio: b.p99 / Math.max(p.p99, 0.001),
      unit: 'ms p99 (ratio = baseline/product)',
    }),
  )
}

await admin(`create database ${dbName}`)
try {
  const raw = await startRawServer(url, POOL)
  const api = await startProductServer(url, POOL)
  try {
    const body = JSON.stringify({ data: { title: 'bench ticket', priority: 'low', amount: '10.50' } })
    console.error(`submit: ${CONNECTIONS} clients, ${DURATION}s each`)
    const bSubmit = await load(`${raw.address}/raw/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    const pSubmit = await load(`${api.address}/api/apps/desk/forms/ticket/records`, {
      method: 'POST',
      headers: api.headers,
      body,
    })
    report('submit', pSubmit, bSubmit)

    console.error('transition')
    const tBody = JSON.stringify({ version: 1, data: { score: 50 } })
    // Each side moves the same number of the records its own submit run created, each record once.
    const [rawIds, apiIds] = [await raw.waiting(), await api.waiting()]
    const amount = Math.min(rawIds.length, apiIds.length)
    const bTrans = await load(raw.address, {
      amount,
      headers: { 'content-type': 'application/json' },
      body: tBody,
      requests: walk(rawIds, (id) => `/raw/records/${id}/transitions/send`),
    })
    const pTrans = await load(api.address, {
      amount,
      headers: api.headers,
      body: tBody,
      requests: walk(apiIds, (id) => `/api/records/${id}/transitions/send`),
    })
    report('transition', pTrans, bTrans)

    console.error('list')
    const bList = await load(`${raw.address}/raw/records`, {})
    const pList = await load(`${api.address}/api/apps/desk/forms/ticket/records?limit=50&sort=-created_at`, {
      headers: api.headers,
    })
    report('list (50 per page)', pList, bList)
  } finally {
    await api.close()
    await raw.close()
  }
} finally {
  await admin(`drop database if exists ${dbName} with (force)`)
}
