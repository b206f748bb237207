import { randomBytes } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  type Actor,
  createEngine,
  createIdentityStore,
  manualClock,
  openDatabase,
  type Store,
  type TestDatabase,
  type TesseraEngine,
} from '@tessera/runtime'
import pg from 'pg'
import { crmTemplate } from '@tessera/templates'
import { parse } from 'csv-parse'

/** The real datasets (DESIGN.md "Tests"): $TESSERA_SHARED_DATA, else ../shared/data from the project root. */
export const sharedData = resolve(
  process.env.TESSERA_SHARED_DATA ?? resolve(import.meta.dirname, '../../../shared/data'),
)
export const hasSharedData = existsSync(resolve(sharedData, 'leads-education.csv'))

export interface Crm {
  store: Store
  engine: TesseraEngine
  clock: ReturnType<typeof manualClock>
  admin: Actor
}

/**
 * A store of its own for each CRM: its own PGlite, or on PostgreSQL a database created for it and
 * dropped when the store closes (the suite's one database would carry records from test to test).
 */
export async function freshStore(db: TestDatabase): Promise<Store> {
  const base = process.env.DATABASE_URL
  if (db.kind === 'pglite' || !base) return db.open()
  const name = `tessera_crm_${randomBytes(6).toString('hex')}`
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: base })
    await client.connect()
    try {
      await client.query(text)
    } finally {
      await client.end()
    }
  }
  await admin(`create database ${name}`)
  const url = new URL(base)
  url.pathname = `/${name}`
  const store = await openDatabase({ url: url.toString() })
  return {
    ...store,
    async close() {
      await store.close()
      await admin(`drop database if exists ${name}`)
    },
  }
}

/** A fresh store with the CRM template published by a platform admin. */
export async function openCrm(store: Store): Promise<Crm> {
  const clock = manualClock('2026-03-02T09:00:00.000Z')
  const engine = createEngine({ store, clock })
  const user = await createIdentityStore(store.db).createUser({
    email: 'admin@crm.test',
    name: 'Admin',
    isAdmin: true,
  })
  const admin: Actor = { userId: user.id, isAdmin: true, via: 'import' }
  await engine.publish('crm', crmTemplate, admin)
  return { store, engine, clock, admin }
}

/** Rows of a CSV as objects, straight from the file (what the figures are checked against). */
export async function csvRows(path: string): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = []
  for await (const row of createReadStream(path).pipe(parse({ columns: true, bom: true })) as AsyncIterable<
    Record<string, string>
  >)
    rows.push(row)
  return rows
}
