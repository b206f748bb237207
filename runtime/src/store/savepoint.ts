import { type Kysely, sql } from 'kysely'
import type { Database } from './database.js'

/**
 * Runs `fn` inside a savepoint of the caller's transaction: when it throws, only its own writes are
 * undone and the transaction goes on (an import batch reports a refused row and keeps the others).
 */
export async function withSavepoint<T>(
  trx: Kysely<Database>,
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  const id = sql.id(name)
  await sql`savepoint ${id}`.execute(trx)
  try {
    const result = await fn()
    await sql`release savepoint ${id}`.execute(trx)
    return result
  } catch (e) {
    await sql`rollback to savepoint ${id}`.execute(trx)
    throw e
  }
}
