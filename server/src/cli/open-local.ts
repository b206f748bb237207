import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { type Clock, type Store, type TesseraEngine, isTesseraError, openDatabase } from '@tessera/runtime'
import { createServerEngine, type ServerEngineOptions } from '../server-engine.js'
import type { ServerStore } from '../server-store.js'
import { createServerStore } from '../store/create-server-store.js'
import { fromUser } from './cli-paths.js'
import { StoreLockedError } from './store-locked.js'

export interface StoreFlags {
  data: string
}

export interface LocalRuntime {
  runtime: Store
  store: ServerStore
  engine: TesseraEngine
  /** the data directory (embedded) or null on PostgreSQL */
  dataDir: string | null
  /** where uploaded files live */
  filesDir: string
  close(): Promise<void>
}

export { StoreLockedError } from './store-locked.js'

/** The embedded data directory holds no database: only `start`, `demo` and `restore` make one. */
export class NoDataError extends Error {
  constructor(readonly dataDir: string) {
    super(`no Tessera data at ${dataDir} (tessera start or tessera demo creates it; give the right --data)`)
  }
}

/**
 * Opens the store the way `start` does: PostgreSQL when DATABASE_URL is set, else PGlite in --data.
 * A locked data directory becomes StoreLockedError; a directory without a database, NoDataError.
 */
export async function openLocal(
  flags: StoreFlags,
  options: {
    clock?: Clock
    engine?: Pick<ServerEngineOptions, 'smtp' | 'publicUrl'>
    /** make a new embedded database when the directory has none (start, demo, restore) */
    create?: boolean
  } = {},
): Promise<LocalRuntime> {
  const databaseUrl = process.env.DATABASE_URL || undefined
  const dataDir = databaseUrl ? null : fromUser(flags.data)
  // A mistyped --data must not quietly become a new, empty database that a backup then "succeeds" on.
  if (dataDir && !options.create && !existsSync(join(dataDir, 'PG_VERSION'))) throw new NoDataError(dataDir)
  let runtime: Store
  try {
    runtime = databaseUrl
      ? await openDatabase({ url: databaseUrl })
      : await openDatabase({ dataDir: dataDir! })
  } catch (err) {
    if (isTesseraError(err) && err.code === 'STORE_LOCKED') throw new StoreLockedError(dataDir ?? '')
    throw err
  }
  const store = await createServerStore(runtime, databaseUrl ? { databaseUrl } : {})
  const engine = createServerEngine(runtime, store, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...options.engine,
  })
  const filesDir = process.env.TESSERA_FILES_DIR
    ? fromUser(process.env.TESSERA_FILES_DIR)
    : join(dataDir ?? fromUser(flags.data), 'files')
  return {
    runtime,
    store,
    engine,
    dataDir,
    filesDir,
    async close() {
      await store.close()
      await runtime.close()
    },
  }
}
