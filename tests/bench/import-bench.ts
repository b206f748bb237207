/**
 * Import speed: the 9,240 real leads through `runImport` (every row through the engine's rules) next
 * to raw multi-row INSERTs of the same rows by hand, measured in the same run on the same database.
 * The raw side writes what a hand-written import into a workflow app needs: per chunk of 500 rows, one
 * transaction with a multi-row insert into each of three bare tables (the record as jsonb with its
 * external key, its workflow state, its history event). The older one-table baseline (the rows as
 * jsonb into one bare table) is printed too. The three-table baseline runs before and after the product
 * and counts as their mean, so a load that comes and goes on the shared machine hits both sides. PGlite always; PostgreSQL too when DATABASE_URL is set.
 * Prints JSON lines {name, product, baseline, ratio, unit}.
 */
import { randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { resolve } from 'node:path'
import { createEngine, createIdentityStore, type Database, testDatabases } from '@tessera/runtime'
import { runImport } from '@tessera/server'
import { crmImportProfiles, crmTemplate } from '@tessera/templates'
import { parse } from 'csv-parse'
import { type Kysely, sql } from 'kysely'

const data = resolve(process.env.TESSERA_SHARED_DATA ?? resolve(import.meta.dirname, '../../../shared/data'))
const file = resolve(data, 'leads-education.csv')
const BATCH = 500

async function rows(): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = []
  for await (const r of createReadStream(file).pipe(parse({ columns: true, bom: true })) as AsyncIterable<
    Record<string, string>
  >)
    out.push(r)
  return out
}

/**
 * The hand-written import: per chunk, one transaction with a multi-row insert into each of three
 * bare tables (suffixed by `run`, so it can run twice). Answers the seconds it took.
 */
async function rawInsert(db: Kysely<Database>, all: Record<string, string>[], run: number): Promise<number> {
  const [record, instance, event] = ['record', 'instance', 'event'].map((t) => sql.id(`bench_${t}_${run}`))
  await sql`create table ${record} (id uuid primary key, external_key text, data jsonb not null,
    created_at timestamptz not null default now())`.execute(db)
  await sql`create table ${instance} (record_id uuid primary key, state text not null)`.execute(db)
  await sql`create table ${event} (id uuid primary key default gen_random_uuid(), record_id uuid not null,
    seq int not null, type text not null, to_state text, diff jsonb not null)`.execute(db)
  const t = performance.now()
  for (let i = 0; i < all.length; i += BATCH) {
    const chunk = all.slice(i, i + BATCH).map((r) => ({ id: randomUUID(), row: r, json: JSON.stringify(r) }))
    await db.transaction().execute(async (trx) => {
      await sql`insert into ${record} (id, external_key, data) values ${sql.join(
        chunk.map((c) => sql`(${c.id}, ${c.row['Prospect ID']}, ${c.json}::jsonb)`),
      )}`.execute(trx)
      await sql`insert into ${instance} (record_id, state) values ${sql.join(
        chunk.map((c) => sql`(${c.id}, 'new')`),
      )}`.execute(trx)
      await sql`insert into ${event} (record_id, seq, type, to_state, diff) values ${sql.join(
        chunk.map((c) => sql`(${c.id}, 1, 'imported', 'new', ${c.json}::jsonb)`),
      )}`.execute(trx)
    })
  }
  return (performance.now() - t) / 1000
}

for (const db of testDatabases()) {
  const store = await db.open()
  try {
    const engine = createEngine({ store })
    const user = await createIdentityStore(store.db).createUser({
      email: 'bench@tessera.local',
      name: 'Bench',
      isAdmin: true,
    })
    const actor = { userId: user.id, isAdmin: true, via: 'import' }
    await engine.publish('crm', crmTemplate, actor)

    const all = await rows()
    const firstRaw = await rawInsert(store.db, all, 1)
    let t = performance.now()
    const summary = await runImport({
      engine,
      store,
      app: crmTemplate,
      form: 'lead',
      source: { path: file },
      profile: crmImportProfiles['leads-education'],
      actor,
    })
    const productSeconds = (performance.now() - t) / 1000
    if (summary.imported !== 9240)
      console.error(`  runImport imported ${summary.imported} of ${summary.read} (failed ${summary.failed})`)

    await sql`create table bench_raw (id uuid primary key default gen_random_uuid(), external_key text, data jsonb not null)`.execute(
      store.db,
    )
    t = performance.now()
    for (let i = 0; i < all.length; i += BATCH) {
      const values = all
        .slice(i, i + BATCH)
        .map((r) => sql`(${r['Prospect ID']}, ${JSON.stringify(r)}::jsonb)`)
      await sql`insert into bench_raw (external_key, data) values ${sql.join(values)}`.execute(store.db)
    }
    const oneTableSeconds = (performance.now() - t) / 1000

    // the product ran between two runs of the raw baseline, so both see the machine alike
    const rawSeconds = (firstRaw + (await rawInsert(store.db, all, 2))) / 2

    const product = summary.read / productSeconds
    for (const [name, seconds] of [
      [`import 9,240 leads (${db.kind})`, rawSeconds],
      [`import 9,240 leads (${db.kind}) vs one-table insert`, oneTableSeconds],
    ] as const) {
      const baseline = all.length / seconds
      console.log(JSON.stringify({ name, product, baseline, ratio: product / baseline, unit: 'rows/s' }))
    }
  } finally {
    await store.close()
    await db.dispose()
  }
}
