/**
 * Import speed: the 9,240 real leads through `runImport` (every row through the engine's rules) next
 * to a raw multi-row INSERT of the same rows as jsonb into a bare table, measured in the same run on
 * the same database. PGlite always; PostgreSQL too when DATABASE_URL is set.
 * Prints JSON lines {name, product, baseline, ratio, unit}.
 */
import { createReadStream } from 'node:fs'
import { resolve } from 'node:path'
import { createEngine, createIdentityStore, testDatabases } from '@tessera/runtime'
import { runImport } from '@tessera/server'
import { crmImportProfiles, crmTemplate } from '@tessera/templates'
import { parse } from 'csv-parse'
import { sql } from 'kysely'

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

    const all = await rows()
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
    const rawSeconds = (performance.now() - t) / 1000

    const product = summary.read / productSeconds
    const baseline = all.length / rawSeconds
    console.log(
      JSON.stringify({
        name: `import 9,240 leads (${db.kind})`,
        product,
        baseline,
        ratio: product / baseline,
        unit: 'rows/s',
      }),
    )
  } finally {
    await store.close()
    await db.dispose()
  }
}
