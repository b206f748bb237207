import { createReadStream, existsSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  type Actor,
  createEngine,
  createIdentityStore,
  manualClock,
  type Store,
  type TesseraEngine,
} from '@tessera/runtime'
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
