import { type Kysely, type Migration, sql } from 'kysely'

/** The separator an import read its CSV with (declared or sniffed), so a remote summary names it as a local one does. */
export const importJobDelimiterMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`alter table import_job add column if not exists delimiter text`.execute(db)
  },
  async down(db: Kysely<unknown>) {
    await sql`alter table import_job drop column if exists delimiter`.execute(db)
  },
}
