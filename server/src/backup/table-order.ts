import { type Kysely, sql } from 'kysely'

/** Kysely's own bookkeeping: recreated by the migrations on the target, never copied. */
const SKIPPED = new Set(['kysely_migration', 'kysely_migration_lock'])

/**
 * Every table of the public schema, parents before children (by foreign key), so rows restored
 * in this order never point at a row not yet there. Read from the catalog, so a table added by a
 * later migration is backed up without touching this code.
 */
export async function tablesInDependencyOrder(db: Kysely<unknown>): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`.execute(db)
  const edges = await sql<{ child: string; parent: string }>`
    select c.relname as child, p.relname as parent
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = 'public'`.execute(db)
  const names = tables.rows.map((t) => t.name).filter((n) => !SKIPPED.has(n))
  const parents = new Map(names.map((n) => [n, new Set<string>()]))
  for (const e of edges.rows) if (e.child !== e.parent) parents.get(e.child)?.add(e.parent)
  const ordered: string[] = []
  const placed = new Set<string>()
  // Kahn's algorithm, alphabetical among equals so two backups of one database read the same.
  while (ordered.length < names.length) {
    const ready = names.filter(
      (n) => !placed.has(n) && [...(parents.get(n) ?? [])].every((p) => placed.has(p)),
    )
    if (ready.length === 0)
      throw new Error(`foreign keys form a cycle among ${names.filter((n) => !placed.has(n)).join(', ')}`)
    for (const n of ready) {
      ordered.push(n)
      placed.add(n)
    }
  }
  return ordered
}

/** The migrations applied to a database, by name, in order. */
export async function appliedMigrations(db: Kysely<unknown>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
  return rows.rows.map((r) => r.name)
}
