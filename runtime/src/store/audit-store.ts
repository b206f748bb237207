import type { Kysely } from 'kysely'
import type { Database } from './database.js'

/** Who did what to the platform (logins, user and permission changes, publishes). */
export const createAuditStore = (db: Kysely<Database>) => ({
  async write(
    entry: {
      actor: string | null
      action: string
      target?: string | null
      details?: Record<string, unknown>
    },
    at = new Date(),
  ): Promise<void> {
    await db
      .insertInto('audit')
      .values({
        at,
        actor: entry.actor,
        action: entry.action,
        target: entry.target ?? null,
        details: entry.details ? JSON.stringify(entry.details) : null,
      })
      .execute()
  },
  async list(
    limit = 100,
  ): Promise<
    { id: number; at: Date; actor: string | null; action: string; target: string | null; details: unknown }[]
  > {
    return db.selectFrom('audit').selectAll().orderBy('id', 'desc').limit(limit).execute()
  },
})

export type AuditStore = ReturnType<typeof createAuditStore>
