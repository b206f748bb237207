/**
 * The HTTP request path to profile: the real server (support/api-product.ts, the bench's help-desk
 * app on PostgreSQL) answering submits, then transitions, then list pages, from autocannon in a child process (50
 * clients on loopback, as api-bench drives it), so the profile is the server's own time only.
 * Not a *-bench.ts file: run-all does not run it. Writes <PROFILE_OUT>-submit.cpuprofile and
 * <PROFILE_OUT>-transition.cpuprofile and <PROFILE_OUT>-list.cpuprofile (V8's profiler, the one `node --cpu-prof` uses, started after
 * a warm-up run):
 *   PROFILE_OUT=/tmp/api DATABASE_URL=… node --import tsx tests/bench/profile-api.ts
 *   node --import tsx tests/bench/profile-summary.ts /tmp/api-submit.cpuprofile
 */
import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { startProductServer } from './support/api-product.js'
import { startRawServer } from './support/api-raw.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
/** PROFILE_SIDE=raw profiles the raw fastify + pg baseline instead, to compare the two */
const raw = process.env.PROFILE_SIDE === 'raw'
const out = process.env.PROFILE_OUT ?? (raw ? '/tmp/api-raw' : '/tmp/api')
const base = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
const dbName = `tessera_bench_profile_${process.pid}`
const url = Object.assign(new URL(base), { pathname: `/${dbName}` }).toString()

const admin = async (text: string) => {
  const c = new pg.Client({ connectionString: base })
  await c.connect()
  await c.query(text).finally(() => c.end())
}

const load = async (spec: Record<string, unknown>) => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'support', 'load-child.ts')],
    { env: { ...process.env, LOAD_SPEC: JSON.stringify(spec) }, maxBuffer: 64 * 1024 * 1024 },
  )
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Loaded
}

interface Loaded {
  requests: number
  rps: number
  p99: number
  non2xx: number
}

const session = new Session()
session.connect()
await session.post('Profiler.enable')
let counted = () => 0
let lastRequests = 1
/** QUERY_LOG=1: which statements a request sent, per request, most frequent first */
const printStatements = (seen: Map<string, number>) => {
  for (const [kind, n] of [...seen].sort((a, b) => b[1] - a[1]))
    console.error(`  ${(n / lastRequests).toFixed(2)}  ${kind}`)
  seen.clear()
}
let logging = false
const profiled = async (name: string, run: () => Promise<Loaded>) => {
  await session.post('Profiler.start')
  const before = counted()
  const cpuBefore = process.cpuUsage()
  logging = !!process.env.QUERY_LOG
  const r = await run()
  lastRequests = Math.max(1, r.requests)
  const perRequest = (counted() - before) / lastRequests
  // CPU time is what the server spent itself, whatever else ran on the machine (the rate is not)
  const cpu = process.cpuUsage(cpuBefore)
  const cpuMs = (cpu.user + cpu.system) / 1000 / lastRequests
  logging = false
  const { profile } = await session.post('Profiler.stop')
  writeFileSync(`${out}-${name}.cpuprofile`, JSON.stringify(profile))
  console.error(
    `${name}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms, non-2xx ${r.non2xx}, ${perRequest.toFixed(1)} statements and ${cpuMs.toFixed(2)} ms CPU (user ${(cpu.user / 1000 / lastRequests).toFixed(2)}) per request -> ${out}-${name}.cpuprofile`,
  )
}

await admin(`create database ${dbName}`)
try {
  // statements per request: each is a round trip to PostgreSQL (QUERY_LOG=1 prints one request's)
  let statements = 0
  const seen = new Map<string, number>()
  const api = raw
    ? await startRawServer(url, 10)
    : await startProductServer(url, 10, (text) => {
        statements++
        if (logging) {
          const kind = text.replace(/\s+/g, ' ').slice(0, 70)
          seen.set(kind, (seen.get(kind) ?? 0) + 1)
        }
      })
  const paths = raw
    ? { submit: '/raw/records', transition: '/raw/records/:id/transitions/send', list: '/raw/records' }
    : {
        submit: '/api/apps/desk/forms/ticket/records',
        transition: '/api/records/:id/transitions/send',
        list: '/api/apps/desk/forms/ticket/records?limit=50&sort=-created_at',
      }
  const headers = 'headers' in api ? api.headers : { 'content-type': 'application/json' }
  try {
    const submit = {
      url: `${api.address}${paths.submit}`,
      connections: CONNECTIONS,
      method: 'POST',
      headers,
      body: JSON.stringify({ data: { title: 'bench ticket', priority: 'low', amount: '10.50' } }),
    }
    counted = () => statements
    // warm-up: the hot functions optimised, the pool connected
    await load({ ...submit, duration: 2 })
    await profiled('submit', () => load({ ...submit, duration: SECONDS }))
    printStatements(seen)
    const idsFile = `${out}-ids.json`
    writeFileSync(idsFile, JSON.stringify(await api.waiting()))
    await profiled('transition', () =>
      load({
        url: api.address,
        connections: CONNECTIONS,
        duration: SECONDS,
        method: 'POST',
        headers,
        body: JSON.stringify({ version: 1, data: { score: 50 } }),
        idsFile,
        pathTemplate: paths.transition,
      }),
    )
    printStatements(seen)
    await profiled('list', () =>
      load({
        url: `${api.address}${paths.list}`,
        connections: CONNECTIONS,
        duration: SECONDS,
        headers,
      }),
    )
    printStatements(seen)
  } finally {
    await api.close()
  }
} finally {
  session.disconnect()
  await admin(`drop database if exists ${dbName} with (force)`)
}
