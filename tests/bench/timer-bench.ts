/**
 * Benchmark: a sweep of 10k due timers through engine.runDueTimers (claimed with SKIP LOCKED in batches,
 * 200 per transaction on PostgreSQL and 50 on PGlite: the transitions, their events, the timers settled) next to one raw
 * UPDATE ... RETURNING statement doing the same row changes to as many other due timers (timer fired,
 * instance moved, record version bumped, transition event appended), and next to the same statement
 * run in batches of the product's size, claimed with SKIP LOCKED. PGlite always; PostgreSQL when
 * DATABASE_URL is set. Records, instances, events and timers are cloned with SQL from one record the
 * engine wrote, so only the sweep is timed. 2k timers by default, 10k with TESSERA_BENCH_SCALE=5+.
 * Run: pnpm bench timer   (or node --import tsx tests/bench/timer-bench.ts)
 */
import { type Actor, createEngine, type Store, testDatabases } from '@tessera/runtime'
import { emit, type RawQuery, rawOverPg, rawOverStore, SCALE } from './support/bench-kit.js'
import { CLONE, timerApp as app } from './support/timer-fixture.js'

const ADMIN: Actor = { userId: null, isAdmin: true, via: 'bench' }
// 2k by default keeps the run under ~3 minutes on 2 shared cores (the engine fires ~60-100 a second
// there); TESSERA_BENCH_SCALE=5 or more sweeps the full 10k
const N = Math.max(100, Math.min(10_000, Math.round(2_000 * SCALE)))

/**
 * The same row changes a fired timer makes (timer fired, instance moved, record version bumped,
 * transition event appended), for the due timers `claim` picks, in one statement.
 */
const rawSweep = (claim: string) => `
with t as (
  update timer set status = 'fired', fired_at = now(), claimed_by = 'raw'
  where ${claim}
  returning id, record_id, state, transition
),
i as (
  update workflow_instance wi set state = 'expired', updated_at = now()
  from t where wi.record_id = t.record_id
  returning wi.record_id
),
r as (
  update record set version = record.version + 1, updated_at = now()
  from t where record.id = t.record_id
  returning record.id, record.app, record.version
)
insert into event (app, record_id, seq, type, actor, at, transition, from_state, to_state, diff)
select r.app, r.id, r.version, 'transition', null, now(), 'expire', 'open', 'expired', '{}' from r
returning record_id`
/** Every due timer at once: no batching, no locks skipped; the fastest the rows can be written. */
const RAW_SWEEP = rawSweep(`status = 'armed' and due_at <= now()`)
/** As a sweep that several processes may run: `$1` due timers per statement (its own transaction), claimed with SKIP LOCKED. */
const RAW_BATCH = rawSweep(
  `id in (select id from timer where status = 'armed' and due_at <= now() order by due_at limit $1 for update skip locked)`,
)

async function benchOn(kind: string, store: Store, raw: RawQuery) {
  const engine = createEngine({ store })
  await engine.publish('btimer', app, ADMIN)
  const template = await engine.submit('btimer', 'task', { title: 'Task 0' }, ADMIN)
  const armed = await raw(`select count(*)::int as n from timer where record_id = $1 and status = 'armed'`, [
    template.id,
  ])
  if (Number(armed.rows[0]?.n) !== 1) throw new Error('the engine did not arm the template timer')

  await raw(CLONE, [template.id, N])
  await raw('analyze timer')
  let t = performance.now()
  let fired = 0
  // runDueTimers fires up to `limit` per call, as the server's loop calls it
  for (;;) {
    const n = await engine.runDueTimers(1000)
    fired += n
    if (n === 0) break
  }
  const productMs = performance.now() - t
  if (fired !== N) throw new Error(`runDueTimers fired ${fired} of ${N}`)

  await raw(CLONE, [template.id, N])
  await raw('analyze timer')
  t = performance.now()
  const swept = await raw(RAW_SWEEP)
  const baselineMs = performance.now() - t
  if (swept.rows.length !== N) throw new Error(`raw sweep fired ${swept.rows.length} of ${N}`)

  await raw(CLONE, [template.id, N])
  await raw('analyze timer')
  const batch = kind === 'PGlite' ? 50 : 200
  t = performance.now()
  let batched = 0
  for (let n = -1; n !== 0; batched += n) n = (await raw(RAW_BATCH, [batch])).rows.length
  const batchedMs = performance.now() - t
  if (batched !== N) throw new Error(`raw batches fired ${batched} of ${N}`)

  const product = (N / productMs) * 1000
  const baseline = (N / baselineMs) * 1000
  emit({
    name: `timer sweep ${N / 1000}k due (${kind})`,
    product,
    baseline,
    ratio: product / baseline,
    unit: 'timers/s',
    note: `product ${(productMs / 1000).toFixed(1)}s, batches per transaction (engine/timer-sweep.ts); raw ${(baselineMs / 1000).toFixed(2)}s, one statement`,
  })
  const perBatch = (N / batchedMs) * 1000
  emit({
    name: `timer sweep ${N / 1000}k due (${kind}) vs raw in batches of ${batch}`,
    product,
    baseline: perBatch,
    ratio: product / perBatch,
    unit: 'timers/s',
    note: `raw ${(batchedMs / 1000).toFixed(2)}s: the same statement on ${batch} timers at a time, claimed with SKIP LOCKED, as the product claims them`,
  })
}

for (const db of testDatabases()) {
  const store = await db.open()
  const pgRaw = db.url ? rawOverPg(db.url) : undefined
  try {
    await benchOn(db.kind === 'pg' ? 'PostgreSQL' : 'PGlite', store, pgRaw?.query ?? rawOverStore(store))
  } finally {
    await pgRaw?.end()
    await store.close()
    await db.dispose()
  }
}
