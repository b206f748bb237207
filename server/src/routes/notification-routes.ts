import { createNotificationStore, isUuid, toNotificationView } from '@tessera/runtime'
import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { fail } from '../http-errors.js'
import { errorResponses, idParams } from '../http/common-schemas.js'

const notificationSchema = {
  type: 'object',
  required: [
    'id',
    'app',
    'form',
    'recordId',
    'message',
    'lines',
    'automation',
    'transition',
    'createdAt',
    'readAt',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    app: { type: 'string' },
    form: { type: ['string', 'null'] },
    recordId: { type: ['string', 'null'], description: 'the record the message is about; the UI opens it' },
    message: { description: 'a label: a string or {locale: text}' },
    lines: {
      type: ['object', 'null'],
      description: "a summary's figures as lines per language ({en: [...], 'zh-CN': [...]})",
      additionalProperties: { type: 'array', items: { type: 'string' } },
    },
    automation: { type: ['string', 'null'] },
    transition: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    readAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const

const pageSchema = {
  type: 'object',
  required: ['items', 'nextCursor', 'unread'],
  properties: {
    items: { type: 'array', items: notificationSchema },
    nextCursor: { type: ['string', 'null'] },
    unread: { type: 'integer' },
  },
} as const

const encodeCursor = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url')

function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string]
    const date = new Date(at)
    if (isUuid(id) && !Number.isNaN(date.getTime())) return { at: date, id }
  } catch {}
  throw fail('BAD_REQUEST', 'The cursor is malformed', '游标无效')
}

/**
 * A person's in-app notifications (the bell): newest first, the unread count, marking read. Each
 * person sees only their own; another's notification is not found, as if it did not exist.
 */
export const notificationRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const notifications = createNotificationStore(context.store.runtime.db)
  const now = () => new Date()

  app.get<{ Querystring: { limit?: number; cursor?: string } }>(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first, with my unread count',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            cursor: { type: 'string', maxLength: 200 },
          },
        },
        response: { 200: pageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const userId = request.actor.userId!
      const limit = request.query.limit ?? 20
      const before = request.query.cursor ? decodeCursor(request.query.cursor) : undefined
      const [rows, unread] = await Promise.all([
        notifications.page(userId, limit + 1, before),
        notifications.unread(userId),
      ])
      const items = rows.slice(0, limit).map(toNotificationView)
      const last = items.at(-1)
      return {
        items,
        nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
        unread,
      }
    },
  )

  app.get(
    '/notifications/unread-count',
    {
      schema: {
        tags: ['notifications'],
        summary: 'How many of my notifications are unread',
        response: {
          200: { type: 'object', required: ['count'], properties: { count: { type: 'integer' } } },
          ...errorResponses,
        },
      },
    },
    async (request) => ({ count: await notifications.unread(request.actor.userId!) }),
  )

  app.post<{ Params: { id: string } }>(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of my notifications read',
        params: idParams,
        response: { 200: notificationSchema, ...errorResponses },
      },
    },
    async (request) => {
      const row = await notifications.get(request.params.id)
      // someone else's is as good as missing: its existence is not theirs to learn
      if (!row || row.user_id !== request.actor.userId)
        throw fail('NOT_FOUND', 'No such notification', '没有此通知')
      return toNotificationView((await notifications.markRead(row.id, now())) ?? row)
    },
  )

  app.post(
    '/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all my notifications read',
        response: {
          200: { type: 'object', required: ['updated'], properties: { updated: { type: 'integer' } } },
          ...errorResponses,
        },
      },
    },
    async (request) => ({ updated: await notifications.markAllRead(request.actor.userId!, now()) }),
  )
}
