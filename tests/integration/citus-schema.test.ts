import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Store, openDatabase } from '@tessera/runtime'
import { createServerStore } from '@tessera/server'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FreshDatabase, freshDatabase } from '../support/proof-cluster.js'

/**
 * Issue 8, "scale beyond one machine": the schema as the migrations leave it, checked against
 * the Citus plan in docs/scale.md (records and everything per app distributed by `app`). The test
 * derives the gaps from the catalog; migration 0010 closed the last, so any gap found (a new table
 * without `app`, a unique index or foreign key without it) fails here.
 */
const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'scale.md'), 'utf8')
const DIST = 'app'

/** The lines of a fenced block of docs/scale.md; undefined when the doc has no such block. */
function optionalBlock(name: string): string[] | undefined {
  const m = new RegExp(`\`\`\`${name}\\n([\\s\\S]*?)\`\`\``).exec(doc)
  if (!m) return undefined
  return (m[1] ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
}

function block(name: string): string[] {
  const lines = optionalBlock(name)
  if (!lines) throw new Error(`docs/scale.md has no \`\`\`${name} block`)
  return lines
}

type Placement = 'distributed' | 'reference' | 'local'
const plan = new Map(
  block('citus-plan').map((line) => {
    const [table, placement] = line.split(':').map((s) => s.trim())
    return [table as string, placement as Placement]
  }),
)

/** Every way the schema falls short of the plan, worded as docs/scale.md words it. */
async function citusGaps(db: Store['db']): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and c.relname not like 'kysely\\_%' order by 1`.execute(db)
  const columns = await sql<{ table: string; column: string; not_null: boolean }>`
    select c.relname as table, a.attname as column, a.attnotnull as not_null
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped`.execute(db)
  const uniques = await sql<{ table: string; index: string; cols: string }>`
    select c.relname as table, ic.relname as index, string_agg(a.attname, ', ' order by k.ord) as cols
    from pg_index i
    join pg_class ic on ic.oid = i.indexrelid
    join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    cross join lateral unnest(i.indkey::int2[]) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where n.nspname = 'public' and i.indisunique
    group by c.relname, ic.relname`.execute(db)
  const fks = await sql<{ child: string; parent: string; child_cols: string; parent_cols: string }>`
    select c.relname as child, p.relname as parent,
      (select string_agg(a.attname, ', ' order by k.ord) from unnest(k0.conkey) with ordinality as k(attnum, ord)
        join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum) as child_cols,
      (select string_agg(a.attname, ', ' order by k.ord) from unnest(k0.confkey) with ordinality as k(attnum, ord)
        join pg_attribute a on a.attrelid = p.oid and a.attnum = k.attnum) as parent_cols
    from pg_constraint k0
    join pg_class c on c.oid = k0.conrelid
    join pg_class p on p.oid = k0.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k0.contype = 'f' and n.nspname = 'public'`.execute(db)

  const gaps: string[] = []
  const placement = (t: string) => plan.get(t)
  for (const { name } of tables.rows) {
    if (!placement(name)) {
      gaps.push(`table ${name} is not placed in the citus-plan`)
      continue
    }
    if (placement(name) !== 'distributed') continue
    const dist = columns.rows.find((c) => c.table === name && c.column === DIST)
    if (!dist) gaps.push(`table ${name} lacks the distribution column ${DIST}`)
    else if (!dist.not_null) gaps.push(`column ${name}.${DIST} is nullable`)
  }
  for (const u of uniques.rows) {
    if (placement(u.table) !== 'distributed') continue
    if (!u.cols.split(', ').includes(DIST)) gaps.push(`unique index ${u.index} (${u.cols}) lacks ${DIST}`)
  }
  for (const f of fks.rows) {
    const from = placement(f.child)
    const to = placement(f.parent)
    const shape = `foreign key ${f.child} (${f.child_cols}) -> ${f.parent} (${f.parent_cols})`
    if (from === 'distributed' && to === 'distributed') {
      if (!f.child_cols.split(', ').includes(DIST) || !f.parent_cols.split(', ').includes(DIST))
        gaps.push(`${shape} lacks ${DIST}`)
    } else if (to === 'distributed') gaps.push(`${shape} points from a ${from} table into a distributed one`)
    else if (from === 'distributed' && to === 'local')
      gaps.push(`${shape} points from a distributed table to a local one`)
  }
  return gaps
}

const targets: { name: string; open: () => Promise<{ store: Store; done: () => Promise<void> }> }[] = [
  {
    name: 'PGlite',
    open: async () => {
      const store = await openDatabase({ memory: true })
      return { store, done: () => store.close() }
    },
  },
]
if (process.env.DATABASE_URL)
  targets.push({
    name: 'PostgreSQL',
    open: async () => {
      const fresh: FreshDatabase = await freshDatabase(process.env.DATABASE_URL as string, 'tessera_citus')
      const store = await openDatabase({ url: fresh.url, poolSize: 2 })
      return {
        store,
        done: async () => {
          await store.close()
          await fresh.drop()
        },
      }
    },
  })

describe.each(targets)('Citus readiness of the schema ($name)', ({ open }) => {
  let store: Store
  let done: () => Promise<void>
  beforeAll(async () => {
    ;({ store, done } = await open())
    // The server's own tables too, as `start` creates them.
    await createServerStore(store, {})
  })
  afterAll(async () => {
    await done?.()
  })

  it('places every table of the schema in the plan, and only tables that exist', async () => {
    const gaps = await citusGaps(store.db)
    expect(gaps.filter((g) => g.includes('not placed'))).toEqual([])
    const tables = await sql<{ name: string }>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'`.execute(store.db)
    const present = new Set(tables.rows.map((t) => t.name))
    expect([...plan.keys()].filter((t) => !present.has(t))).toEqual([])
  })

  it('has no gap: every distributed table has app, NOT NULL, in every unique index and foreign key', async () => {
    const gaps = await citusGaps(store.db)
    expect(gaps.sort()).toEqual([])
    // the doc lists no gap either (docs/scale.md, "closed by 0010")
    expect(optionalBlock('citus-gaps') ?? []).toEqual([])
  })

  it('already keys the per-app counters, unique values and round robin by app', async () => {
    // These carry the app in their primary key today: their writes would route to one shard.
    const gaps = await citusGaps(store.db)
    for (const table of ['serial_counter', 'unique_value_pkey', 'round_robin', 'automation_schedule'])
      expect(gaps.filter((g) => g.includes(`${table} `) || g.startsWith(`unique index ${table}`))).toEqual([])
  })
})
