/**
 * Benchmark: the HTTP API (submit, transition, list) under 50 concurrent clients (autocannon on
 * loopback), next to a raw fastify + pg server doing the same rows by hand in the same run: insert
 * the record, its workflow instance and its event; lock and update record and instance, append the
 * event; select a page and count. Requests per second and p99 latency, and their ratios.
 * Needs PostgreSQL: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; a fresh database
 * is created and dropped. Prints JSON lines {name, product, baseline, ratio, unit, note}.
 * Run: pnpm --filter @tessera/tests exec tsx bench/api-bench.ts
 */
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '@tessera/runtime'
import { bootstrapAdmin, buildApp, createServerEngine, createServerStore } from '@tessera/server'
import autocannon from 'autocannon'
import Fastify from 'fastify'
import pg from 'pg'

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
const desk = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'integration', 'server-fixture-app.json'), 'utf8'),
)

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

/** The product: the real server on PostgreSQL, called with a bearer token as a script would. */
async function product() {
  const runtime = await openDatabase({ url, poolSize: POOL })
  const store = await createServerStore(runtime, { databaseUrl: url })
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
  const adminUser = (await store.users.byEmail('bench@example.com'))!
  const { token } = await store.tokens.create(adminUser.id, 'bench')
  await engine.publish('desk', desk, { userId: adminUser.id, isAdmin: true, via: 'bench' })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    address,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    /** records in `new` at version 1: those the submit run made */
    waiting: async () =>
      (
        await runtime.db
          .selectFrom('record')
          .select('id')
          .where('app', '=', 'desk')
          .where('version', '=', 1)
          .execute()
      ).map((r) => r.id),
    close: async () => {
      await app.close()
      await store.close()
      await runtime.close()
    },
  }
}

/** The baseline: fastify and pg with the same rows written by hand, no validation, no permissions. */
async function baseline() {
  const pool = new pg.Pool({ connectionString: url, max: POOL })
  // an idle client cut by the final drop database must not crash the run
  pool.on('error', () => {})
  await pool.query(`create table raw_record (id uuid primary key default gen_random_uuid(), app text, form text, data jsonb,
    version int not null default 1, created_at timestamptz not null default now(), updated_at timestamptz not null default now())`)
  await pool.query('create index raw_record_list on raw_record (app, form, created_at, id)')
  await pool.query(
    'create table raw_instance (record_id uuid primary key, state text, updated_at timestamptz default now())',
  )
  await pool.query(`create table raw_event (id uuid primary key default gen_random_uuid(), record_id uuid, seq int, type text,
    from_state text, to_state text, diff jsonb, at timestamptz default now())`)
  const app = Fastify()
  const tx = async <T>(fn: (c: pg.PoolClient) => Promise<T>) => {
    const c = await pool.connect()
    try {
      await c.query('begin')
      const r = await fn(c)
      await c.query('commit')
      return r
    } catch (e) {
      await c.query('rollback')
      throw e
    } finally {
      c.release()
    }
  }
  app.post<{ Body: { data: Record<string, unknown> } }>('/raw/records', async (req, reply) => {
    const row = await tx(async (c) => {
      const r = await c.query('insert into raw_record (app, form, data) values ($1, $2, $3) returning *', [
        'desk',
        'ticket',
        JSON.stringify(req.body.data),
      ])
      const id = r.rows[0].id
      await c.query('insert into raw_instance (record_id, state) values ($1, $2)', [id, 'new'])
      await c.query(
        'insert into raw_event (record_id, seq, type, to_state, diff) values ($1, 1, $2, $3, $4)',
        [id, 'created', 'new', JSON.stringify(req.body.data)],
      )
      return r.rows[0]
    })
    return reply.code(201).send(row)
  })
  app.post<{ Params: { id: string }; Body: { version: number } }>(
    '/raw/records/:id/transitions/send',
    async (req, reply) => {
      const row = await tx(async (c) => {
        const r = await c.query('select version from raw_record where id = $1 for update', [req.params.id])
        if (r.rows[0]?.version !== req.body.version) return null
        const u = await c.query(
          'update raw_record set version = version + 1, updated_at = now() where id = $1 returning *',
          [req.params.id],
        )
        await c.query("update raw_instance set state = 'review', updated_at = now() where record_id = $1", [
          req.params.id,
        ])
        await c.query(
          "insert into raw_event (record_id, seq, type, from_state, to_state, diff) values ($1, 2, 'transition', 'new', 'review', '{}')",
          [req.params.id],
        )
        return u.rows[0]
      })
      return row ? row : reply.code(409).send({ code: 'VERSION_CONFLICT' })
    },
  )
  app.get('/raw/records', async () => {
    const [items, total] = await Promise.all([
      pool.query(
        "select * from raw_record where app = 'desk' and form = 'ticket' order by created_at desc, id desc limit 50",
      ),
      pool.query("select count(*)::int as n from raw_record where app = 'desk' and form = 'ticket'"),
    ])
    return { items: items.rows, total: total.rows[0].n, nextCursor: null }
  })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    address,
    waiting: async () =>
      (await pool.query<{ id: string }>('select id from raw_record where version = 1')).rows.map((r) => r.id),
    close: async () => {
      await app.close()
      await pool.end()
    },
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
  const raw = await baseline()
  const api = await product()
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
