import { type Kysely, sql } from 'kysely'
import type { Database } from './database.js'

/** The tables a large import writes, whose statistics the planner needs afterwards. */
const WRITTEN = ['record', 'workflow_instance'] as const

/**
 * After a large import: ANALYZE the tables it wrote, so the planner has statistics for them (with
 * autovacuum off, a sort by a rollup took 6-8 s until then). It needs the tables' owner: without
 * it PostgreSQL skips them with a warning and the statistics are left to autovacuum.
 */
export async function analyzeImported(db: Kysely<Database>): Promise<void> {
  for (const table of WRITTEN) await sql`analyze ${sql.id(table)}`.execute(db)
}
