import type { Kysely } from 'kysely'
import type { Database } from './database.js'
import { isUniqueViolation } from './pg-errors.js'

/** Serial numbers, unique values and round-robin pointers: each a row the database locks for us. */
export const createCounterStore = (db: Kysely<Database>) => ({
  /**
   * The next serial of a field. The upsert takes the counter row's lock until the transaction ends,
   * so concurrent submits queue here and a rolled-back submit gives its number back: gap-free, no duplicates.
   */
  async nextSerial(app: string, form: string, field: string, period = ''): Promise<number> {
    const row = await db
      .insertInto('serial_counter')
      .values({ app, form, field, period, value: 1 })
      .onConflict((oc) =>
        oc
          .columns(['app', 'form', 'field', 'period'])
          .doUpdateSet((eb) => ({ value: eb('serial_counter.value', '+', 1) })),
      )
      .returning('value')
      .executeTakeFirstOrThrow()
    return Number(row.value)
  },

  /** Claims a unique value for a record; false when another record holds it (the unique key decides). */
  async claimUnique(
    app: string,
    form: string,
    field: string,
    value: string,
    recordId: string,
  ): Promise<boolean> {
    try {
      const r = await db
        .insertInto('unique_value')
        .values({ app, form, field, value, record_id: recordId })
        .onConflict((oc) => oc.columns(['app', 'form', 'field', 'value']).doNothing())
        .returning('record_id')
        .executeTakeFirst()
      return r !== undefined
    } catch (e) {
      if (isUniqueViolation(e)) return false
      throw e
    }
  },

  /** The record holding a value, if any. */
  async holder(app: string, form: string, field: string, value: string): Promise<string | undefined> {
    const r = await db
      .selectFrom('unique_value')
      .select('record_id')
      .where('app', '=', app)
      .where('form', '=', form)
      .where('field', '=', field)
      .where('value', '=', value)
      .executeTakeFirst()
    return r?.record_id
  },

  /** Lets go of a record's values of a field other than `keep`. */
  async releaseUniqueExcept(recordId: string, field: string, keep: string | null): Promise<void> {
    let q = db.deleteFrom('unique_value').where('record_id', '=', recordId).where('field', '=', field)
    if (keep !== null) q = q.where('value', '<>', keep)
    await q.execute()
  },

  /**
   * Locks a rotation pointer row (creating it) and returns the last user it handed work to, in one
   * statement: an upsert that rewrites the pointer unchanged locks the row and returns it.
   */
  async lockRotation(app: string, ruleKey: string, at: Date): Promise<string | null> {
    const row = await db
      .insertInto('round_robin')
      .values({ app, rule_key: ruleKey, last_user: null, updated_at: at })
      .onConflict((oc) =>
        oc.columns(['app', 'rule_key']).doUpdateSet((eb) => ({ last_user: eb.ref('round_robin.last_user') })),
      )
      .returning('last_user')
      .executeTakeFirstOrThrow()
    return row.last_user
  },

  async advanceRotation(app: string, ruleKey: string, user: string, at: Date): Promise<void> {
    await db
      .updateTable('round_robin')
      .set({ last_user: user, updated_at: at })
      .where('app', '=', app)
      .where('rule_key', '=', ruleKey)
      .execute()
  },
})

export type CounterStore = ReturnType<typeof createCounterStore>
