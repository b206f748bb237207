/**
 * Benchmark: engine submit and transition throughput on PGlite and (when DATABASE_URL is set)
 * PostgreSQL, next to a raw baseline doing the same rows by hand in one transaction each (insert the
 * record, its workflow instance and its event; lock, update record and instance, append the event).
 * Prints JSON lines {name, product, baseline, ratio, unit}.
 * Run: pnpm --filter @tessera/tests exec tsx bench/engine-bench.ts
 */
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { createEngine, openDatabase, type Store } from '@tessera/runtime'
import type { AppDefinition } from '@tessera/schemas'
import { sql } from 'kysely'
import pg from 'pg'

const N = Number(process.env.BENCH_N ?? 300)
const ADMIN = { userId: null, isAdmin: true, via: 'bench' }

const app: AppDefinition = {
  key: 'bench',
  name: 'Bench',
  roles: [{ key: 'staff' }],
  forms: [
    {
      key: 'ticket',
      title: 'Ticket',
      fields: [
        { key: 'title', type: 'text', label: 'Title', required: true },
        {
          key: 'priority',
          type: 'select',
          label: 'Priority',
          options: [{ value: 'low' }, { value: 'high' }],
        },
        { key: 'amount', type: 'money', label: 'Amount', decimals: 2 },
        { key: 'count', type: 'integer', label: 'Count' },
      ],
    },
  ],
  workflows: [
    {
      key: 'ticket_flow',
      form: 'ticket',
      initial: 'open',
      states: [{ key: 'open' }, { key: 'done', final: true }],
      transitions: [{ key: 'close', from: ['open'], to: 'done', roles: ['staff'] }],
    },
  ],
}

const data = (i: number) => ({
  title: `Ticket ${i}`,
  priority: i % 2 ? 'low' : 'high',
  amount: '12.50',
  count: i,
})

interface Raw {
  tx<T>(
    fn: (q: (text: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>) => Promise<T>,
  ): Promise<T>
}

function rawOverKysely(store: Store): Raw {
  return {
    tx: (fn) =>
      store.db.transaction().execute((trx) =>
        fn(async (text, params) => {
          // `$n` placeholders become bound values, so both baselines send the same parameterized SQL
          const parts = text.split(/\$(\d+)/)
          const query = sql.join(
            parts.map((p, i) => (i % 2 === 0 ? sql.raw(p) : sql`${params[Number(p) - 1]}`)),
            sql``,
          )
          const r = await sql<Record<string, unknown>>`${query}`.execute(trx)
          return { rows: r.rows }
        }),
      ),
  }
}

function rawOverPg(url: string): Raw & { end(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  pool.on('error', () => {})
  return {
    async tx(fn) {
      const client = await pool.connect()
      try {
        await client.query('begin')
        const result = await fn((text, params) => client.query(text, params))
        await client.query('commit')
        return result
      } catch (e) {
        await client.query('rollback')
        throw e
      } finally {
        client.release()
      }
    },
    end: () => pool.end(),
  }
}

async function rawSubmit(raw: Raw, i: number): Promise<string> {
  return raw.tx(async (q) => {
    const id = randomUUID()
    const now = new Date()
    await q(
      `insert into record (id, app, form, form_version, owner, created_at, updated_at, version, data, search) values ($1, 'bench_raw', 'ticket', 1, null, $2, $2, 1, $3, $4)`,
      [id, now, JSON.stringify(data(i)), `ticket ${i}`],
    )
    await q(
      `insert into workflow_instance (record_id, app, workflow, workflow_version, state, snapshot, assignee, updated_at) values ($1, 'bench_raw', 'ticket_flow', 1, 'open', $2, null, $3)`,
      [id, JSON.stringify({ workflow: 'ticket_flow', version: 1, state: 'open' }), now],
    )
    await q(
      `insert into event (app, record_id, seq, type, actor, at, to_state, diff) values ('bench_raw', $1, 1, 'created', null, $2, 'open', $3)`,
      [id, now, JSON.stringify(Object.fromEntries(Object.entries(data(i)).map(([k, v]) => [k, [null, v]])))],
    )
    return id
  })
}

async function rawTransition(raw: Raw, id: string): Promise<void> {
  await raw.tx(async (q) => {
    const now = new Date()
    const r = await q('select version from record where id = $1 for update', [id])
    const version = Number(r.rows[0]?.version)
    await q('select state from workflow_instance where record_id = $1', [id])
    await q('update record set version = $2, updated_at = $3 where id = $1', [id, version + 1, now])
    await q(`update workflow_instance set state = 'done', updated_at = $2 where record_id = $1`, [id, now])
    await q(
      `insert into event (app, record_id, seq, type, actor, at, transition, from_state, to_state, diff) values ('bench_raw', $1, 2, 'transition', null, $2, 'close', 'open', 'done', '{}')`,
      [id, now],
    )
  })
}

/** Milliseconds to run `op` over `items`, `concurrency` at a time. */
async function timed<T>(items: T[], concurrency: number, op: (item: T) => Promise<unknown>): Promise<number> {
  let next = 0
  const start = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++] as T
        await op(item)
      }
    }),
  )
  return performance.now() - start
}

/**
 * Product and baseline run in alternating rounds, so load from anything else on the machine falls on
 * both alike; each rate is all its operations over all its time.
 */
async function alternate<T>(
  rounds: T[][],
  concurrency: number,
  product: (t: T) => Promise<unknown>,
  baseline: (t: T) => Promise<unknown>,
) {
  let productMs = 0
  let baselineMs = 0
  let n = 0
  for (const round of rounds) {
    productMs += await timed(round, concurrency, product)
    baselineMs += await timed(round, concurrency, baseline)
    n += round.length
  }
  return { product: (n / productMs) * 1000, baseline: (n / baselineMs) * 1000 }
}

const ROUNDS = 6
const chunk = <T>(xs: T[], parts: number): T[][] =>
  Array.from({ length: parts }, (_, i) =>
    xs.slice(Math.floor((i * xs.length) / parts), Math.floor(((i + 1) * xs.length) / parts)),
  )

async function benchOn(kind: string, store: Store, raw: Raw, concurrency: number) {
  const engine = createEngine({ store })
  await engine.publish('bench', app, ADMIN)
  // warm up both paths (compiled forms, prepared plans)
  for (let i = 0; i < 20; i++) {
    const r = await engine.submit('bench', 'ticket', data(i), ADMIN)
    await engine.transition(r.id, 'close', {}, ADMIN, r.version)
    await rawTransition(raw, await rawSubmit(raw, i))
  }
  const pairs: { i: number; product?: string; raw?: string }[] = Array.from({ length: N }, (_, i) => ({ i }))
  const submit = await alternate(
    chunk(pairs, ROUNDS),
    concurrency,
    async (p) => {
      p.product = (await engine.submit('bench', 'ticket', data(p.i), ADMIN)).id
    },
    async (p) => {
      p.raw = await rawSubmit(raw, p.i)
    },
  )
  const transition = await alternate(
    chunk(pairs, ROUNDS),
    concurrency,
    (p) => engine.transition(p.product as string, 'close', {}, ADMIN, 1),
    (p) => rawTransition(raw, p.raw as string),
  )
  const suffix = concurrency > 1 ? ` x${concurrency}` : ''
  for (const [name, r] of [
    [`engine submit (${kind}${suffix})`, submit],
    [`engine transition (${kind}${suffix})`, transition],
  ] as const)
    console.log(
      JSON.stringify({
        name,
        product: r.product,
        baseline: r.baseline,
        ratio: r.product / r.baseline,
        unit: 'ops/s',
      }),
    )
}

const embedded = await openDatabase({ memory: true })
await benchOn('PGlite', embedded, rawOverKysely(embedded), 1)
await embedded.close()

const url = process.env.DATABASE_URL
if (url) {
  const name = `tessera_bench_${randomUUID().slice(0, 8)}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const target = new URL(url)
  target.pathname = `/${name}`
  try {
    for (const concurrency of [1, 8]) {
      const store = await openDatabase({ url: target.toString() })
      const raw = rawOverPg(target.toString())
      await benchOn('PostgreSQL', store, raw, concurrency)
      await raw.end()
      await store.close()
    }
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
}
