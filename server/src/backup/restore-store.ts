import { type Kysely, sql } from 'kysely'
import { type BackupHeader, isHeader, isRow, isTrailer } from './backup-format.js'
import { appliedMigrations, tablesInDependencyOrder } from './table-order.js'

const BATCH = 500

export class RestoreError extends Error {}

/**
 * Restores a backup into a database whose migrations have run and which holds no rows: all in
 * one transaction, so a bad or truncated file leaves the target as empty as it was. Sequences
 * (the audit id) are moved past the restored values.
 */
export async function restoreStore(
  db: Kysely<unknown>,
  lines: AsyncIterable<string>,
): Promise<Record<string, number>> {
  return db.transaction().execute(async (trx) => {
    const tables = await tablesInDependencyOrder(trx)
    for (const table of tables) {
      const r = await sql<{ any: boolean }>`select exists (select 1 from ${sql.table(table)}) as any`.execute(
        trx,
      )
      if (r.rows[0]?.any)
        throw new RestoreError(
          `the target database is not empty (table ${table} has rows); restore needs an empty one`,
        )
    }
    // Restored rows are history, not new events: triggers (e.g. the automation inbox fed by every
    // event insert) must not fire again. Foreign keys stay checked; the transaction re-enables them.
    for (const table of tables)
      await sql`alter table ${sql.table(`public.${table}`)} disable trigger user`.execute(trx)
    let header: BackupHeader | undefined
    let trailer: Record<string, number> | undefined
    const counts: Record<string, number> = {}
    let batch: { table: string; rows: string[] } | undefined
    const flush = async () => {
      if (!batch || batch.rows.length === 0) return
      const { table, rows } = batch
      await sql`insert into ${sql.table(table)}
        select * from json_populate_recordset(null::${sql.table(`public.${table}`)}, ${`[${rows.join(',')}]`}::json)`.execute(
        trx,
      )
      counts[table] = (counts[table] ?? 0) + rows.length
      batch = { table, rows: [] }
    }
    let lineNo = 0
    for await (const line of lines) {
      lineNo++
      if (!line.trim()) continue
      let value: unknown
      try {
        value = JSON.parse(line)
      } catch {
        throw new RestoreError(`line ${lineNo} is not JSON`)
      }
      if (!header) {
        if (!isHeader(value)) throw new RestoreError('not a Tessera backup (the first line is no header)')
        if (value.version !== 1)
          throw new RestoreError(`backup format version ${value.version} is not supported`)
        const here = new Set(await appliedMigrations(trx))
        const missing = value.migrations.filter((m) => !here.has(m))
        if (missing.length > 0)
          throw new RestoreError(`the backup needs migrations this version lacks: ${missing.join(', ')}`)
        const unknown = value.tables.filter((t) => !tables.includes(t))
        if (unknown.length > 0)
          throw new RestoreError(`the backup holds tables this database lacks: ${unknown.join(', ')}`)
        header = value
        continue
      }
      if (trailer) throw new RestoreError(`line ${lineNo} follows the end of the backup`)
      if (isTrailer(value)) {
        await flush()
        trailer = value.counts
        continue
      }
      if (!isRow(value) || !header.tables.includes(value.table))
        throw new RestoreError(`line ${lineNo} is not a row of a table in the backup`)
      if (batch?.table !== value.table) {
        await flush()
        batch = { table: value.table, rows: [] }
      }
      batch.rows.push(JSON.stringify(value.row))
      if (batch.rows.length >= BATCH) await flush()
    }
    if (!header) throw new RestoreError('the backup is empty')
    if (!trailer) throw new RestoreError('the backup is truncated (no end line); nothing was restored')
    for (const [table, n] of Object.entries(trailer))
      if ((counts[table] ?? 0) !== n)
        throw new RestoreError(
          `table ${table}: the backup announces ${n} rows but holds ${counts[table] ?? 0}`,
        )
    for (const table of tables)
      await sql`alter table ${sql.table(`public.${table}`)} enable trigger user`.execute(trx)
    await resetSequences(trx)
    return counts
  })
}

/** Moves every column sequence (serial, identity) past the largest restored value. */
async function resetSequences(db: Kysely<unknown>): Promise<void> {
  const seqs = await sql<{ table: string; column: string; seq: string }>`
    select c.relname as table, a.attname as column, pg_get_serial_sequence(quote_ident(c.relname), a.attname) as seq
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where n.nspname = 'public' and c.relkind = 'r'
      and pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null`.execute(db)
  for (const s of seqs.rows)
    await sql`select setval(${s.seq}::regclass, coalesce((select max(${sql.ref(s.column)}) from ${sql.table(s.table)}), 0) + 1, false)`.execute(
      db,
    )
}
