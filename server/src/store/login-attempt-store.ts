import type { Store } from '@tessera/runtime'
import { sql } from 'kysely'
import type { ServerTables } from './server-tables.js'

/** Sign-in attempt counters in the database, so all server processes share one budget per key. */
export interface LoginAttemptStore {
  /** counts one attempt against `key`; the window restarts once `windowMs` has passed since it opened */
  hit(key: string, windowMs: number, now: Date): Promise<{ attempts: number; windowStart: Date }>
  /** takes back one attempt (it succeeded) */
  refund(key: string): Promise<void>
  reset(key: string): Promise<void>
  /** drops counters whose window has passed */
  prune(windowMs: number, now: Date): Promise<void>
}

export function createLoginAttemptStore(store: Store): LoginAttemptStore {
  const db = store.db.withTables<ServerTables>()
  return {
    async hit(key, windowMs, now) {
      const since = new Date(now.getTime() - windowMs)
      // One statement: the row lock of the upsert makes a parallel burst count every attempt.
      const row = await db
        .insertInto('login_attempt')
        .values({ key, window_start: now, attempts: 1 })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            window_start: sql<Date>`case when login_attempt.window_start <= ${since} then ${now} else login_attempt.window_start end`,
            attempts: sql<number>`case when login_attempt.window_start <= ${since} then 1 else login_attempt.attempts + 1 end`,
          }),
        )
        .returning(['attempts', 'window_start'])
        .executeTakeFirstOrThrow()
      return { attempts: Number(row.attempts), windowStart: new Date(row.window_start) }
    },
    async refund(key) {
      await db
        .updateTable('login_attempt')
        .set({ attempts: sql<number>`greatest(attempts - 1, 0)` })
        .where('key', '=', key)
        .execute()
    },
    async reset(key) {
      await db.deleteFrom('login_attempt').where('key', '=', key).execute()
    },
    async prune(windowMs, now) {
      await db
        .deleteFrom('login_attempt')
        .where('window_start', '<=', new Date(now.getTime() - windowMs))
        .execute()
    },
  }
}
