import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely'
import { TesseraError } from '../errors.js'
import type { Database } from './database.js'
import { initialMigration } from './migrations/0001-initial.js'
import { automationMigration } from './migrations/0002-automation.js'
import { serverTablesMigration } from './migrations/0003-server-tables.js'
import { departmentsMigration } from './migrations/0004-departments.js'
import { importRunnerMigration } from './migrations/0005-import-runner.js'
import { savedViewsMigration } from './migrations/0006-saved-views.js'
import { notificationsMigration } from './migrations/0007-notifications.js'
import { loginAttemptsMigration } from './migrations/0008-login-attempts.js'
import { listIndexesMigration } from './migrations/0009-list-indexes.js'
import { distributionKeysMigration } from './migrations/0010-distribution-keys.js'
import { importJobSummaryMigration } from './migrations/0011-import-job-summary.js'
import { importJobDelimiterMigration } from './migrations/0012-import-job-delimiter.js'

/** In code, not read from a folder: no build step, and the list is the order. */
const migrations: Record<string, Migration> = {
  '0001-initial': initialMigration,
  '0002-automation': automationMigration,
  '0003-server-tables': serverTablesMigration,
  '0004-departments': departmentsMigration,
  '0005-import-runner': importRunnerMigration,
  '0006-saved-views': savedViewsMigration,
  '0007-notifications': notificationsMigration,
  '0008-login-attempts': loginAttemptsMigration,
  '0009-list-indexes': listIndexesMigration,
  '0010-distribution-keys': distributionKeysMigration,
  '0011-import-job-summary': importJobSummaryMigration,
  '0012-import-job-delimiter': importJobDelimiterMigration,
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

/** An arbitrary constant: the advisory lock every Tessera process takes while migrating. */
const MIGRATION_LOCK = 7_361_204_519

/**
 * Brings the schema up to date. Idempotent; when several processes start at once on PostgreSQL, a
 * session advisory lock lets one migrate while the others wait, then find nothing left to do
 * (Kysely's own lock covers its bookkeeping, not `create extension` or a racing first table).
 */
export async function migrateToLatest(db: Kysely<Database>, kind: 'pglite' | 'pg'): Promise<void> {
  await db.connection().execute(async (conn) => {
    if (kind === 'pg') await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn)
    try {
      const migrator = new Migrator({ db: conn, provider })
      const { error, results } = await migrator.migrateToLatest()
      if (error) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
        throw new TesseraError(
          'UNAVAILABLE',
          { 'zh-CN': `数据库迁移 ${failed} 失败`, en: `database migration ${failed} failed` },
          { cause: String(error) },
        )
      }
    } finally {
      if (kind === 'pg') await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn)
    }
  })
}

/**
 * Takes the schema back down to the named migration, running each later one's `down` in reverse
 * order (tests of a migration start from the database as it was before it).
 */
export async function migrateDownTo(db: Kysely<Database>, name: keyof typeof migrations): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateTo(name)
  if (error) throw error
}
