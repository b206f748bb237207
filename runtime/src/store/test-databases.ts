import { randomBytes } from 'node:crypto'
import { openDatabase, type Store } from './dialect.js'
import pg from 'pg'

export interface TestDatabase {
  /** 'pglite' always; 'pg' when DATABASE_URL is set */
  kind: 'pglite' | 'pg'
  /** a fresh store (its own PGlite, or a fresh database on the server) */
  open(options?: { poolSize?: number }): Promise<Store>
  /** for PostgreSQL: the URL of the fresh database, so a second pool (a second "process") can join it */
  url?: string
  /** drops what `open` created */
  dispose(): Promise<void>
}

const withDatabase = (base: string, name: string): string => {
  const url = new URL(base)
  url.pathname = `/${name}`
  return url.toString()
}

async function adminQuery(base: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: base })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

function pgliteTarget(): TestDatabase {
  const stores: Store[] = []
  return {
    kind: 'pglite',
    async open() {
      const store = await openDatabase({ memory: true })
      stores.push(store)
      return store
    },
    async dispose() {
      await Promise.all(stores.splice(0).map((s) => s.close()))
    },
  }
}

/**
 * One fresh database per test file on the shared server: tests never see each other's rows and
 * never touch the database behind DATABASE_URL itself.
 */
function pgTarget(base: string): TestDatabase {
  const name = `tessera_t_${randomBytes(6).toString('hex')}`
  const url = withDatabase(base, name)
  const stores: Store[] = []
  let created: Promise<void> | undefined
  return {
    kind: 'pg',
    url,
    async open(options) {
      // once, even when several stores open at the same moment
      created ??= adminQuery(base, `create database ${name}`)
      await created
      const store = await openDatabase({ url, ...(options?.poolSize ? { poolSize: options.poolSize } : {}) })
      stores.push(store)
      return store
    },
    async dispose() {
      await Promise.all(stores.splice(0).map((s) => s.close()))
      if (created) {
        await created
        await adminQuery(base, `drop database if exists ${name} with (force)`)
        created = undefined
      }
    },
  }
}

/** The stores a store/engine test runs on: PGlite always, PostgreSQL too when DATABASE_URL is set. */
export function testDatabases(): TestDatabase[] {
  const url = process.env.DATABASE_URL
  return url ? [pgliteTarget(), pgTarget(url)] : [pgliteTarget()]
}
