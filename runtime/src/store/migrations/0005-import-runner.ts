import { type Kysely, type Migration, sql } from 'kysely'

/**
 * Which process runs an import, and when it last said so. An import runs inside the process that
 * took the upload; when that process dies, the job row would stay `running` for ever. With the
 * runner and its heartbeat, any process can tell the job was orphaned and mark it interrupted.
 */
const up = [
  `alter table import_job add column if not exists runner text`,
  `alter table import_job add column if not exists heartbeat_at timestamptz`,
]

const down = [
  `alter table import_job drop column if exists heartbeat_at`,
  `alter table import_job drop column if exists runner`,
]

export const importRunnerMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const s of up) await sql.raw(s).execute(db)
  },
  async down(db: Kysely<unknown>) {
    for (const s of down) await sql.raw(s).execute(db)
  },
}
