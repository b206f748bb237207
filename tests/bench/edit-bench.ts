/**
 * Benchmark: editing a record (engine.update: validate, diff, new version, search text, event) on
 * PGlite and (when DATABASE_URL is set) PostgreSQL, next to a raw baseline doing the same rows by
 * hand in one transaction each: lock the record and check its version, write the new data, search
 * text and version, append the `updated` event with the diff. Product and baseline alternate in
 * rounds, so outside load falls on both alike. Prints JSON lines {name, product, baseline, ratio, unit}.
 * Run: pnpm bench edit   (or node --import tsx tests/bench/edit-bench.ts); BENCH_N edits (300).
 */
import { type Actor, createEngine, type Store, testDatabases } from '@tessera/runtime'
import type { AppDefinition } from '@tessera/schemas'
import { emit, type RawQuery, rawOverPg, rawOverStore } from './support/bench-kit.js'

const N = Number(process.env.BENCH_N ?? 300)
const ROUNDS = 6
const ADMIN: Actor = { userId: null, isAdmin: true, via: 'bench' }

const app: AppDefinition = {
  key: 'bedit',
  name: 'Edit bench',
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
}

const data = (i: number, round: number) => ({
  title: `Ticket ${i} edit ${round}`,
  priority: (i + round) % 2 ? 'low' : 'high',
  amount: `${10 + round}.50`,
  count: i + round,
})

/** One edit by hand; each transaction runs on one connection (BEGIN ... COMMIT through `tx`). */
async function rawEdit(tx: Tx, id: string, i: number, round: number) {
  await tx(async (q) => {
    const r = await q('select version, data from record where id = $1 for update', [id])
    const row = r.rows[0]
    if (!row) throw new Error(`raw edit: record ${id} is gone`)
    const version = Number(row.version)
    const before = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>
    const after = data(i, round)
    const diff = Object.fromEntries(
      Object.entries(after)
        .filter(([k, v]) => JSON.stringify(before[k]) !== JSON.stringify(v))
        .map(([k, v]) => [k, [before[k] ?? null, v]]),
    )
    await q('update record set data = $2, search = $3, version = $4, updated_at = now() where id = $1', [
      id,
      JSON.stringify(after),
      `${after.title} \u2022 ${after.priority}`.toLowerCase(),
      version + 1,
    ])
    await q(
      `insert into event (app, record_id, seq, type, actor, at, diff) select app, id, $2::int, 'updated', null, now(), $3::jsonb from record where id = $1`,
      [id, version + 1, JSON.stringify(diff)],
    )
  })
}

type Tx = (fn: (q: RawQuery) => Promise<void>) => Promise<void>

function txOver(store: Store, url: string | undefined): { tx: Tx; end: () => Promise<void> } {
  if (!url) {
    // PGlite: one connection, so a kysely transaction is the only way to hold BEGIN ... COMMIT
    return {
      tx: (fn) => store.db.transaction().execute((trx) => fn(rawOverStore({ db: trx }))),
      end: async () => {},
    }
  }
  // one client, so BEGIN, the statements and COMMIT share a connection as a transaction must
  const pool = rawOverPg(url, 1)
  return {
    tx: async (fn) => {
      await pool.query('begin')
      try {
        await fn(pool.query)
        await pool.query('commit')
      } catch (e) {
        await pool.query('rollback')
        throw e
      }
    },
    end: pool.end,
  }
}

async function benchOn(kind: string, store: Store, url: string | undefined) {
  const engine = createEngine({ store })
  await engine.publish('bedit', app, ADMIN)
  const product: { id: string; version: number }[] = []
  const raw: string[] = []
  for (let i = 0; i < N; i++) {
    const r = await engine.submit('bedit', 'ticket', data(i, 0), ADMIN)
    product.push({ id: r.id, version: r.version })
    raw.push((await engine.submit('bedit', 'ticket', data(i, 0), ADMIN)).id)
  }
  const { tx, end } = txOver(store, url)
  let productMs = 0
  let baselineMs = 0
  const per = Math.ceil(N / ROUNDS)
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const from = (round - 1) * per
      const to = Math.min(N, round * per)
      let t = performance.now()
      for (let i = from; i < to; i++) {
        const p = product[i] as { id: string; version: number }
        p.version = (await engine.update(p.id, data(i, round), ADMIN, p.version)).version
      }
      productMs += performance.now() - t
      t = performance.now()
      for (let i = from; i < to; i++) await rawEdit(tx, raw[i] as string, i, round)
      baselineMs += performance.now() - t
    }
  } finally {
    await end()
  }
  const [p, b] = [(N / productMs) * 1000, (N / baselineMs) * 1000]
  emit({ name: `engine edit (${kind})`, product: p, baseline: b, ratio: p / b, unit: 'ops/s' })
}

for (const db of testDatabases()) {
  const store = await db.open()
  try {
    await benchOn(db.kind === 'pg' ? 'PostgreSQL' : 'PGlite', store, db.url)
  } finally {
    await store.close()
    await db.dispose()
  }
}
