import { type Kysely, sql } from 'kysely'
import type { Database, NotificationRow } from './database.js'
import { isUuid } from './uuid.js'

/** What one delivered notify message leaves for its recipients. */
export interface NotificationDelivery {
  /** the outbox message's idempotency key: the same message never lands twice */
  outboxKey: string
  app: string
  form: string | null
  recordId: string | null
  /** the message, its summary lines and where it came from, as the bell shows them */
  payload: Record<string, unknown>
  at: Date
}

/** A notification as its recipient sees it. */
export interface NotificationView {
  id: string
  app: string
  form: string | null
  recordId: string | null
  message: unknown
  lines: unknown
  automation: string | null
  transition: string | null
  createdAt: string
  readAt: string | null
}

const str = (v: unknown) => (typeof v === 'string' ? v : null)

export const toNotificationView = (row: NotificationRow): NotificationView => {
  const p = (row.payload ?? {}) as Record<string, unknown>
  return {
    id: row.id,
    app: row.app,
    form: row.form,
    recordId: row.record_id,
    message: p.message ?? '',
    lines: p.lines ?? null,
    automation: str(p.automation),
    transition: str(p.transition),
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  }
}

/**
 * The `notification` table (migration 0007): in-app rows a person reads, and e-mail rows that say
 * whom a message was already mailed to. Every write is keyed by (app, outbox key, channel, user), so a
 * retried or replayed outbox message adds nothing it already added.
 */
export function createNotificationStore(db: Kysely<Database>) {
  return {
    /** Adds the rows not there yet; answers the users who got a new one (whose bell must refresh). */
    async add(d: NotificationDelivery, channel: 'inapp' | 'email', userIds: string[]): Promise<string[]> {
      const users = [...new Set(userIds.filter(isUuid))]
      if (users.length === 0) return []
      const rows = await db
        .insertInto('notification')
        .values(
          users.map((user) => ({
            outbox_key: d.outboxKey,
            channel,
            user_id: user,
            app: d.app,
            form: d.form,
            record_id: d.recordId,
            payload: JSON.stringify(d.payload),
            created_at: d.at,
          })),
        )
        .onConflict((oc) => oc.columns(['app', 'outbox_key', 'channel', 'user_id']).doNothing())
        .returning('user_id')
        .execute()
      return rows.map((r) => r.user_id)
    },

    /** The users a message already reached on a channel (an e-mail retry skips them). */
    async reached(app: string, outboxKey: string, channel: 'inapp' | 'email'): Promise<Set<string>> {
      const rows = await db
        .selectFrom('notification')
        .select('user_id')
        .where('app', '=', app)
        .where('outbox_key', '=', outboxKey)
        .where('channel', '=', channel)
        .execute()
      return new Set(rows.map((r) => r.user_id))
    },

    /** One page of a person's in-app notifications, newest first; `before` is the last row of the previous page. */
    async page(userId: string, limit: number, before?: { at: Date; id: string }): Promise<NotificationRow[]> {
      let q = db
        .selectFrom('notification')
        .selectAll()
        .where('user_id', '=', userId)
        .where('channel', '=', 'inapp')
      if (before) q = q.where(sql<boolean>`(created_at, id) < (${before.at}, ${before.id}::uuid)`)
      return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
    },

    async unread(userId: string): Promise<number> {
      const r = await db
        .selectFrom('notification')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('user_id', '=', userId)
        .where('channel', '=', 'inapp')
        .where('read_at', 'is', null)
        .executeTakeFirst()
      return Number(r?.n ?? 0)
    },

    async get(id: string): Promise<NotificationRow | undefined> {
      if (!isUuid(id)) return undefined
      return db
        .selectFrom('notification')
        .selectAll()
        .where('id', '=', id)
        .where('channel', '=', 'inapp')
        .executeTakeFirst()
    },

    /** Marks one read (a second time keeps the first reading's time). */
    async markRead(id: string, at: Date): Promise<NotificationRow | undefined> {
      if (!isUuid(id)) return undefined
      await db
        .updateTable('notification')
        .set({ read_at: at })
        .where('id', '=', id)
        .where('read_at', 'is', null)
        .execute()
      return this.get(id)
    },

    /** Marks every unread one of a person read; answers how many. */
    async markAllRead(userId: string, at: Date): Promise<number> {
      const r = await db
        .updateTable('notification')
        .set({ read_at: at })
        .where('user_id', '=', userId)
        .where('channel', '=', 'inapp')
        .where('read_at', 'is', null)
        .executeTakeFirst()
      return Number(r.numUpdatedRows)
    },
  }
}

export type NotificationStore = ReturnType<typeof createNotificationStore>
