import { type Kysely, type Migration, sql } from 'kysely'

/**
 * Sign-in attempt counters (issue 4), one row per account or address, so every server process
 * behind a load balancer spends the same budget. `window_start` is when the key's current window
 * opened; an upsert resets it once the window has passed, so one statement counts an attempt.
 */
const up = [
  `create table login_attempt (
    key text primary key,
    window_start timestamptz not null,
    attempts integer not null
  )`,
  'create index login_attempt_window on login_attempt (window_start)',
]

export const loginAttemptsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const s of up) await sql.raw(s).execute(db)
  },
  async down(db: Kysely<unknown>) {
    await sql.raw('drop table if exists login_attempt').execute(db)
  },
}
