import type { Kysely } from 'kysely'
import { TesseraError } from '../errors.js'
import type { Database, OutboxRow } from '../store/database.js'
import { createWorkStore } from '../store/work-store.js'
import { errors } from './engine-errors.js'
import type { Actor, Clock, OutboxMessageView, OutboxPage, OutboxPageQuery } from './engine-types.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const notFound = (id: string) =>
  new TesseraError(
    'NOT_FOUND',
    { en: `outbox message ${id} does not exist`, 'zh-CN': `发件箱消息 ${id} 不存在` },
    { id },
  )

const toView = (row: OutboxRow & { app?: string | null; form?: string | null }): OutboxMessageView => ({
  id: row.id,
  kind: row.kind,
  recordId: row.record_id,
  app: row.app || null,
  form: row.form ?? null,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  idempotencyKey: row.idempotency_key,
  payload: row.payload as Record<string, unknown>,
  createdAt: row.created_at.toISOString(),
  nextAttemptAt: row.next_attempt_at.toISOString(),
  deliveredAt: row.delivered_at ? row.delivered_at.toISOString() : null,
})

const encodeCursor = (row: OutboxRow) =>
  Buffer.from(JSON.stringify([row.created_at.toISOString(), row.id])).toString('base64url')

function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string]
    const date = new Date(at)
    if (typeof id === 'string' && UUID.test(id) && !Number.isNaN(date.getTime())) return { at: date, id }
  } catch {}
  throw new TesseraError(
    'BAD_REQUEST',
    { en: 'the cursor is malformed', 'zh-CN': '游标无效' },
    { key: 'cursor' },
  )
}

function onlyAdmins(actor: Actor) {
  if (!actor.isAdmin && !actor.system)
    throw errors.forbidden(
      'only a platform admin may see or replay the outbox',
      '只有平台管理员可以查看或重发发件箱',
    )
}

/**
 * What an admin does with webhooks and notifications that were given up after their retries:
 * see them with the last error, and send one again. A replay keeps the message's idempotency key,
 * so a receiver that did get an earlier attempt can tell it is the same message.
 */
export function createOutboxAdmin(db: Kysely<Database>, clock: Clock, deliverSoon: () => void) {
  const work = createWorkStore(db)
  return {
    async outboxMessages(query: OutboxPageQuery, actor: Actor): Promise<OutboxPage> {
      onlyAdmins(actor)
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 200)
      const rows = await work.outboxPage({
        status: query.status ?? 'dead',
        limit: limit + 1,
        ...(query.cursor ? { before: decodeCursor(query.cursor) } : {}),
      })
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return {
        items: page.map(toView),
        nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
      }
    },

    /** A `dead` message goes back to the queue with fresh attempts; any other status is a 409. */
    async replayOutbox(id: string, actor: Actor): Promise<OutboxMessageView> {
      onlyAdmins(actor)
      if (!UUID.test(id)) throw notFound(id)
      const result = await work.replayOutbox(id, clock.now())
      if (!result) throw notFound(id)
      if (!result.replayed)
        throw new TesseraError(
          'ALREADY_DONE',
          {
            en: `outbox message ${id} is ${result.row.status}: only a failed (dead) message can be replayed`,
            'zh-CN': `发件箱消息 ${id} 的状态是 ${result.row.status}：只有投递失败（dead）的消息可以重发`,
          },
          { id, status: result.row.status },
        )
      deliverSoon()
      return toView(result.row)
    },
  }
}
