import { type Kysely, type Migration, sql } from 'kysely'

/**
 * What an import's summary says besides its counts: the rows skipped (unchanged on re-import,
 * duplicates of the file or of stored records), the encoding the file was read in and the headers
 * no field took. Kept with the job, so an import through the server reports what a local one does.
 */
const up = [
  `alter table import_job add column if not exists skipped integer not null default 0`,
  `alter table import_job add column if not exists encoding text`,
  `alter table import_job add column if not exists unmapped_columns jsonb not null default '[]'`,
]

const down = [
  `alter table import_job drop column if exists unmapped_columns`,
  `alter table import_job drop column if exists encoding`,
  `alter table import_job drop column if exists skipped`,
]

export const importJobSummaryMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const s of up) await sql.raw(s).execute(db)
  },
  async down(db: Kysely<unknown>) {
    for (const s of down) await sql.raw(s).execute(db)
  },
}
