import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from 'node:fs'
import { finished } from 'node:stream/promises'
import { createInterface } from 'node:readline'
import type { Kysely } from 'kysely'
import { fromUser } from '../cli/cli-paths.js'
import { openLocal } from '../cli/open-local.js'
import { backupStore } from './backup-store.js'
import { RestoreError, restoreStore } from './restore-store.js'

export { backupStore } from './backup-store.js'
export { restoreStore, RestoreError } from './restore-store.js'
export { tablesInDependencyOrder } from './table-order.js'
export type { BackupHeader } from './backup-format.js'

export interface BackupFlags {
  data: string
}

type Log = (line: string) => void

const summary = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)

/**
 * Opens the store as `start` does; an embedded directory in use throws StoreLockedError, which the
 * CLI answers with exit 2 (an embedded database has one process at a time).
 */
const open = (flags: BackupFlags, create: boolean) => openLocal(flags, { create })

/**
 * `tessera backup <file>`: every table, in dependency order, from one consistent transaction,
 * as JSON lines. Written to `<file>.partial` and renamed at the end, so a failed run never leaves
 * a file that looks complete.
 */
export async function runBackup(file: string, flags: BackupFlags, log: Log = console.log): Promise<number> {
  const path = fromUser(file)
  const local = await open(flags, false)
  const partial = `${path}.partial`
  const out = createWriteStream(partial, { flags: 'w' })
  try {
    const counts = await backupStore(local.runtime.db as unknown as Kysely<unknown>, local.runtime.kind, out)
    out.end()
    await finished(out)
    renameSync(partial, path)
    log(`Backed up ${summary(counts)} rows of ${Object.keys(counts).length} tables to ${path}.`)
    return 0
  } catch (err) {
    out.destroy()
    rmSync(partial, { force: true })
    throw err
  } finally {
    await local.close()
  }
}

/**
 * `tessera restore <file>`: into an empty database (the migrations are run first by opening it),
 * all or nothing in one transaction.
 */
export async function runRestore(file: string, flags: BackupFlags, log: Log = console.log): Promise<number> {
  const path = fromUser(file)
  if (!existsSync(path)) throw new Error(`no such file: ${path}`)
  // a restore is how a new data directory gets its data: it may make one
  const local = await open(flags, true)
  try {
    // The iterator is taken at once: readline emits lines as soon as it reads, and lines emitted
    // before anyone iterates (while the transaction starts) would be lost.
    const reader = createInterface({
      input: createReadStream(path, 'utf8'),
      crlfDelay: Number.POSITIVE_INFINITY,
    })[Symbol.asyncIterator]()
    const lines = { [Symbol.asyncIterator]: () => reader }
    const counts = await restoreStore(local.runtime.db as unknown as Kysely<unknown>, lines)
    log(`Restored ${summary(counts)} rows of ${Object.keys(counts).length} tables from ${path}.`)
    return 0
  } catch (err) {
    if (err instanceof RestoreError) {
      console.error(`error: ${err.message}`)
      return 1
    }
    throw err
  } finally {
    await local.close()
  }
}
