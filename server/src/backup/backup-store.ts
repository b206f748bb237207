import type { Writable } from 'node:stream'
import { type Kysely, sql } from 'kysely'
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader } from './backup-format.js'
import { appliedMigrations, tablesInDependencyOrder } from './table-order.js'

const PAGE = 1000

/** Writes one line, waiting when the stream asks to (a large table never piles up in memory). */
async function writeLine(out: Writable, value: string): Promise<void> {
  if (!out.write(`${value}\n`))
    await new Promise<void>((resolve, reject) => {
      out.once('drain', resolve)
      out.once('error', reject)
    })
}

/**
 * Dumps every table inside one repeatable-read transaction, so the file is one consistent moment
 * even while servers keep writing (PostgreSQL); rows are paged by ctid, never all held at once.
 */
export async function backupStore(
  db: Kysely<unknown>,
  dialect: 'pglite' | 'pg',
  out: Writable,
): Promise<Record<string, number>> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const tables = await tablesInDependencyOrder(trx)
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        dialect,
        migrations: await appliedMigrations(trx),
        tables,
      }
      await writeLine(out, JSON.stringify(header))
      const counts: Record<string, number> = {}
      for (const table of tables) {
        counts[table] = 0
        let last = '(0,0)'
        for (;;) {
          const page = await sql<{ c: string; j: string }>`
            select t.ctid::text as c, row_to_json(t)::text as j from ${sql.table(table)} t
            where t.ctid > ${last}::tid order by t.ctid limit ${PAGE}`.execute(trx)
          for (const r of page.rows) await writeLine(out, `{"table":${JSON.stringify(table)},"row":${r.j}}`)
          counts[table] += page.rows.length
          const tail = page.rows.at(-1)
          if (!tail || page.rows.length < PAGE) break
          last = tail.c
        }
      }
      await writeLine(out, JSON.stringify({ end: true, counts }))
      return counts
    })
}
