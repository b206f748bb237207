import { PGlite, types as pgliteTypes } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { Kysely, type KyselyConfig, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './database.js'
import { lockDataDir } from './lock-file.js'
import { migrateToLatest } from './migrate.js'
import { pgliteDialect } from './pglite-driver.js'

export interface Store {
  db: Kysely<Database>
  kind: 'pglite' | 'pg'
  close(): Promise<void>
}

export interface OpenOptions {
  /** embedded PGlite data directory */
  dataDir?: string
  /** embedded PGlite in memory (tests) */
  memory?: boolean
  /** a PostgreSQL URL; defaults to DATABASE_URL when neither dataDir nor memory is given */
  url?: string
  /** pg pool size */
  poolSize?: number
  /** every executed query with its duration (diagnostics, benchmarks) */
  onQuery?: (sql: string, ms: number) => void
}

const OID = { INT8: 20, NUMERIC: 1700, TIMESTAMPTZ: 1184, TIMESTAMP: 1114, DATE: 1082 } as const

/** int8 (counts, sums of integers): a number when exact, else the decimal string. */
const parseInt8 = (text: string): number | string => {
  const n = Number(text)
  return Number.isSafeInteger(n) ? n : text
}
/** numeric stays a decimal string: never a binary float (C5). */
const parseNumeric = (text: string): string => text
/** a date is a calendar day, not an instant: keep `YYYY-MM-DD`. */
const parseDate = (text: string): string => text

/**
 * Opens the store: PostgreSQL through a pg Pool when a URL is given (or DATABASE_URL is set and no
 * embedded option is), else embedded PGlite in `dataDir` or in memory. Runs migrations before
 * returning. Both dialects answer with the same JS types.
 */
export async function openDatabase(options: OpenOptions = {}): Promise<Store> {
  const url = options.url ?? (options.dataDir || options.memory ? undefined : process.env.DATABASE_URL)
  const log = options.onQuery
  const kyselyLog: KyselyConfig['log'] = log
    ? (event) => {
        log(event.query.sql, event.queryDurationMillis)
      }
    : undefined
  const store = url ? openPg(url, options.poolSize, kyselyLog) : await openPglite(options, kyselyLog)
  try {
    await migrateToLatest(store.db, store.kind)
  } catch (e) {
    await store.close()
    throw e
  }
  return store
}

function openPg(url: string, poolSize = 10, log?: KyselyConfig['log']): Store {
  const typeParsers = {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === OID.INT8) return parseInt8
      if (oid === OID.NUMERIC) return parseNumeric
      if (oid === OID.DATE) return parseDate
      return pg.types.getTypeParser(oid, format as 'text')
    }) as typeof pg.types.getTypeParser,
  }
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: typeParsers })
  // A client that loses its server must not crash the process: pg-pool listens on idle clients only,
  // so each client gets its own listener; the query in flight rejects and the caller reports it.
  pool.on('error', () => {})
  pool.on('connect', (client) => {
    client.on('error', () => {})
  })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) })
  return { db, kind: 'pg', close: () => db.destroy() }
}

async function openPglite(options: OpenOptions, log?: KyselyConfig['log']): Promise<Store> {
  const release = options.dataDir && !options.memory ? lockDataDir(options.dataDir) : () => {}
  try {
    const pgl = await PGlite.create({
      ...(options.dataDir && !options.memory ? { dataDir: options.dataDir } : {}),
      extensions: { pg_trgm },
      parsers: {
        [pgliteTypes.INT8]: parseInt8,
        [pgliteTypes.NUMERIC]: parseNumeric,
        [pgliteTypes.DATE]: parseDate,
      },
    })
    let closed = false
    const db = new Kysely<Database>({
      ...(log ? { log } : {}),
      dialect: pgliteDialect(pgl, async () => {
        if (closed) return
        closed = true
        try {
          await pgl.close()
        } finally {
          release()
        }
      }),
    })
    return { db, kind: 'pglite', close: () => db.destroy() }
  } catch (e) {
    release()
    throw e
  }
}
