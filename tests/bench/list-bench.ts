/**
 * Benchmark: a filtered, sorted list page (`score >= 60`, 50 per page, with its total) through
 * engine.list as records grow, next to the same query written by hand with pg in the same run.
 * p50 and p99 per size, so a reader sees whether p99 stays flat from 10k to 1M records.
 * Records are bulk-loaded with SQL cloned from one record the engine wrote (same data, search text,
 * instance snapshot and created event), so loading 1M takes minutes, not hours.
 * Sizes: 10k by default; TESSERA_BENCH_SCALE=10 adds 100k, =100 adds 1M. PGlite runs the first size
 * only (one in-process connection); PostgreSQL every size when DATABASE_URL is set.
 * Run: pnpm bench list   (or node --import tsx tests/bench/list-bench.ts)
 */
import { type Actor, createEngine, EXACT_TOTAL_LIMIT, type Store, testDatabases } from '@tessera/runtime'
import type { AppDefinition } from '@tessera/schemas'
import { emit, percentile, type RawQuery, rawOverPg, rawOverStore, SCALE } from './support/bench-kit.js'

const ADMIN: Actor = { userId: null, isAdmin: true, via: 'bench' }
const SIZES = [10_000, 100_000, 1_000_000].filter((n) => n <= 10_000 * SCALE)
if (SIZES.length === 0) SIZES.push(Math.max(100, Math.round(10_000 * SCALE)))
const iterations = (n: number) => (n <= 10_000 ? 60 : n <= 100_000 ? 30 : 12)

const app: AppDefinition = {
  key: 'blist',
  name: 'List bench',
  roles: [{ key: 'staff' }],
  forms: [
    {
      key: 'item',
      title: 'Item',
      fields: [
        { key: 'title', type: 'text', label: 'Title', required: true },
        { key: 'score', type: 'integer', label: 'Score' },
        { key: 'status', type: 'select', label: 'Status', options: [{ value: 'a' }, { value: 'b' }] },
      ],
    },
  ],
  workflows: [
    {
      key: 'item_flow',
      form: 'item',
      initial: 'open',
      states: [{ key: 'open' }, { key: 'done', final: true }],
      transitions: [{ key: 'close', from: ['open'], to: 'done', roles: ['staff'] }],
    },
  ],
  // a view ranked by score: the publish builds the index that serves `sort=-score` (list-index-plan.ts)
  views: [{ key: 'top', form: 'item', sort: '-score' }],
}

/**
 * Clones the template record into records `from..to` in one statement: record, instance and created
 * event, each as the engine writes them; `score` cycles 0..100 so `>= 60` keeps about 40%.
 */
const CLONE = `
with t as (select * from record where id = $1),
ti as (select * from workflow_instance where record_id = $1),
r as (
  insert into record (app, form, form_version, owner, created_at, updated_at, version, data, search, is_draft)
  select t.app, t.form, t.form_version, t.owner, ts, ts, 1,
         jsonb_set(jsonb_set(jsonb_set(t.data, '{title}', to_jsonb('Item ' || g)), '{score}', to_jsonb((g * 37) % 101)),
                   '{status}', to_jsonb(case when g % 3 = 0 then 'a' else 'b' end)),
         'item ' || g || ' \u2022 ' || case when g % 3 = 0 then 'a' else 'b' end, false
  from t, generate_series($2::int, $3::int) g,
       lateral (select timestamptz '2026-01-01' + g * interval '1 second' as ts) s
  returning id, app, created_at, data
),
i as (
  insert into workflow_instance (record_id, app, workflow, workflow_version, state, snapshot, assignee, updated_at)
  select r.id, ti.app, ti.workflow, ti.workflow_version, ti.state, ti.snapshot, null, r.created_at from r, ti
)
insert into event (app, record_id, seq, type, actor, at, to_state, diff)
select r.app, r.id, 1, 'created', null, r.created_at, ti.state,
       jsonb_build_object('title', jsonb_build_array(null, r.data->'title'), 'score', jsonb_build_array(null, r.data->'score'),
                          'status', jsonb_build_array(null, r.data->'status'))
from r, ti`

const HAND_PAGE = (order: string) => `
select r.id, r.form_version, r.owner, r.created_at, r.updated_at, r.version, r.data, wi.state, wi.assignee
from record r left join workflow_instance wi on wi.record_id = r.id
where r.app = $1 and r.form = $2 and r.deleted_at is null and r.is_draft = false
  and (r.data->>'score')::numeric >= $3
order by ${order} limit 51`
const HAND_WHERE = `
from record r left join workflow_instance wi on wi.record_id = r.id
where r.app = $1 and r.form = $2 and r.deleted_at is null and r.is_draft = false
  and (r.data->>'score')::numeric >= $3`
/** The total as the product counts it: exact up to the limit, then the planner's estimate. */
const HAND_CAPPED_COUNT = `select count(*)::int as total from (select 1 ${HAND_WHERE} limit ${EXACT_TOTAL_LIMIT + 1}) m`
const HAND_ESTIMATE = `explain (format json) select 1 ${HAND_WHERE}`
/** For reference only: what an exact count of every match costs (the product's total before the cap). */
const HAND_EXACT_COUNT = `select count(*)::int as total ${HAND_WHERE}`

async function handTotal(raw: RawQuery): Promise<number> {
  const capped = Number((await raw(HAND_CAPPED_COUNT, ['blist', 'item', 60])).rows[0]?.total)
  if (capped <= EXACT_TOTAL_LIMIT) return capped
  const cell = Object.values((await raw(HAND_ESTIMATE, ['blist', 'item', 60])).rows[0] ?? {})[0]
  const plan = (typeof cell === 'string' ? JSON.parse(cell) : cell) as [{ Plan: { 'Plan Rows': number } }]
  return Math.max(Math.round(plan[0].Plan['Plan Rows']), capped)
}

/** Page 21 by the default order, after the keyset of page 20's last row. */
const HAND_DEEP_PAGE = `
select r.id, r.form_version, r.owner, r.created_at, r.updated_at, r.version, r.data, wi.state, wi.assignee
${HAND_WHERE} and (r.created_at, r.id) < ($4::timestamptz, $5::uuid)
order by r.created_at desc, r.id desc limit 51`

const SORTS = [
  { sort: '-created_at', order: 'r.created_at desc, r.id desc', label: 'by -created_at' },
  { sort: '-score', order: `(r.data->>'score')::numeric desc nulls first, r.id desc`, label: 'by -score' },
]

async function loadTemplate(store: Store, raw: RawQuery): Promise<string> {
  const engine = createEngine({ store })
  await engine.publish('blist', app, ADMIN)
  const rec = await engine.submit('blist', 'item', { title: 'Item 0', score: 0, status: 'a' }, ADMIN)
  // the clone writes a number, the search text and the instance as the engine does: check it does
  const t = await raw(`select jsonb_typeof(data->'score') as score_type, search from record where id = $1`, [
    rec.id,
  ])
  const row = t.rows[0]
  if (row?.score_type !== 'number' || row?.search !== 'item 0 \u2022 a')
    throw new Error(`engine record shape changed: ${JSON.stringify(row)}; update CLONE in list-bench.ts`)
  return rec.id
}

async function benchOn(kind: string, store: Store, raw: RawQuery, sizes: number[]) {
  const engine = createEngine({ store })
  const template = await loadTemplate(store, raw)
  let loaded = 0
  for (const size of sizes) {
    const t0 = performance.now()
    // in chunks so one statement never holds 1M rows of returning in memory
    for (let from = loaded + 1; from <= size; from += 50_000)
      await raw(CLONE, [template, from, Math.min(size, from + 49_999)])
    loaded = size
    await raw('analyze record')
    await raw('analyze workflow_instance')
    console.error(`   ${kind}: ${size} records loaded in ${((performance.now() - t0) / 1000).toFixed(1)}s`)
    const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`
    for (const s of SORTS) {
      const product = () =>
        engine.list('blist', 'item', { filter: { score: { gte: 60 } }, sort: s.sort, limit: 50 }, ADMIN)
      const baseline = async () => {
        const [page, total] = await Promise.all([
          raw(HAND_PAGE(s.order), ['blist', 'item', 60]),
          handTotal(raw),
        ])
        return { items: page.rows.slice(0, 50), total }
      }
      const [p, b] = [await product(), await baseline()]
      if (p.total !== b.total || p.items[0]?.id !== b.items[0]?.id)
        throw new Error(`engine.list and the hand query disagree: ${p.total} vs ${b.total}`)
      const pMs: number[] = []
      const bMs: number[] = []
      // alternating, so load from anything else on the machine falls on both alike
      for (let i = 0; i < iterations(size); i++) {
        let t = performance.now()
        await product()
        pMs.push(performance.now() - t)
        t = performance.now()
        await baseline()
        bMs.push(performance.now() - t)
      }
      // where the hand query's time goes: the page alone and the total alone, one after the other
      const pageMs: number[] = []
      const countMs: number[] = []
      const exactMs: number[] = []
      for (let i = 0; i < Math.ceil(iterations(size) / 3); i++) {
        let t = performance.now()
        await raw(HAND_PAGE(s.order), ['blist', 'item', 60])
        pageMs.push(performance.now() - t)
        t = performance.now()
        await handTotal(raw)
        countMs.push(performance.now() - t)
        t = performance.now()
        await raw(HAND_EXACT_COUNT, ['blist', 'item', 60])
        exactMs.push(performance.now() - t)
      }
      const split = `hand page alone p50 ${percentile(pageMs, 50).toFixed(1)} ms, capped total alone p50 ${percentile(countMs, 50).toFixed(1)} ms, exact count(*) for reference p50 ${percentile(exactMs, 50).toFixed(1)} ms`
      for (const q of [50, 99]) {
        const [pq, bq] = [percentile(pMs, q), percentile(bMs, q)]
        emit({
          name: `list score>=60 ${s.label} (${kind}, ${label} records) p${q}`,
          product: pq,
          baseline: bq,
          ratio: bq / Math.max(pq, 0.001),
          unit: `ms p${q} (ratio = baseline/product)`,
          note: `${pMs.length} samples; total ${p.total}${p.totalIsEstimate ? ' (estimate)' : ''}; ${split}`,
        })
      }
    }
    await deepPage(engine, raw, label, kind, size)
  }
}

/** Page 21 through the cursor against the same keyset by hand: a deep page should cost what page 1 does. */
async function deepPage(
  engine: ReturnType<typeof createEngine>,
  raw: RawQuery,
  label: string,
  kind: string,
  size: number,
) {
  const query = { filter: { score: { gte: 60 } }, limit: 50 }
  let cursor: string | undefined
  let last: { id: string; createdAt: string } | undefined
  for (let i = 0; i < 20; i++) {
    const page = await engine.list('blist', 'item', { ...query, ...(cursor ? { cursor } : {}) }, ADMIN)
    cursor = page.nextCursor ?? undefined
    const row = page.items.at(-1)
    if (row) last = { id: row.id, createdAt: row.createdAt }
  }
  if (!cursor || !last) return
  const product = () => engine.list('blist', 'item', { ...query, cursor }, ADMIN)
  const baseline = async () => {
    const [page, total] = await Promise.all([
      raw(HAND_DEEP_PAGE, ['blist', 'item', 60, last.createdAt, last.id]),
      handTotal(raw),
    ])
    return { items: page.rows.slice(0, 50), total }
  }
  const [p, b] = [await product(), await baseline()]
  if (p.items[0]?.id !== b.items[0]?.id) throw new Error('engine.list page 21 and the hand keyset disagree')
  const pMs: number[] = []
  const bMs: number[] = []
  for (let i = 0; i < iterations(size); i++) {
    let t = performance.now()
    await product()
    pMs.push(performance.now() - t)
    t = performance.now()
    await baseline()
    bMs.push(performance.now() - t)
  }
  for (const q of [50, 99]) {
    const [pq, bq] = [percentile(pMs, q), percentile(bMs, q)]
    emit({
      name: `list score>=60 page 21 by cursor (${kind}, ${label} records) p${q}`,
      product: pq,
      baseline: bq,
      ratio: bq / Math.max(pq, 0.001),
      unit: `ms p${q} (ratio = baseline/product)`,
      note: `${pMs.length} samples; keyset after page 20`,
    })
  }
}

for (const db of testDatabases()) {
  const store = await db.open()
  const pgRaw = db.url ? rawOverPg(db.url) : undefined
  try {
    const kind = db.kind === 'pg' ? 'PostgreSQL' : 'PGlite'
    await benchOn(
      kind,
      store,
      pgRaw?.query ?? rawOverStore(store),
      db.kind === 'pg' ? SIZES : SIZES.slice(0, 1),
    )
  } finally {
    await pgRaw?.end()
    await store.close()
    await db.dispose()
  }
}
