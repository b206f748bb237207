import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { fail } from '../http-errors.js'
import { errorResponses, idParams } from '../http/common-schemas.js'

const STATUSES = ['pending', 'delivered', 'dead'] as const

const outboxMessageSchema = {
  type: 'object',
  required: ['id', 'kind', 'recordId', 'app', 'form', 'status', 'attempts', 'lastError', 'idempotencyKey'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    kind: { type: 'string', enum: ['notify', 'webhook'] },
    recordId: { type: ['string', 'null'] },
    app: { type: ['string', 'null'] },
    form: { type: ['string', 'null'] },
    status: {
      type: 'string',
      enum: STATUSES,
      description: 'pending: queued or retrying; delivered; dead: given up after its attempts',
    },
    attempts: { type: 'integer' },
    lastError: { type: ['string', 'null'] },
    idempotencyKey: {
      type: 'string',
      description: 'sent as the Idempotency-Key header; the same on a replay',
    },
    payload: { type: 'object', additionalProperties: true },
    createdAt: { type: 'string', format: 'date-time' },
    nextAttemptAt: { type: 'string', format: 'date-time' },
    deliveredAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const

interface OutboxQuerystring {
  status?: (typeof STATUSES)[number]
  limit?: number
  cursor?: string
}

/** The outbox for platform admins: failed webhooks and notifications, and a replay of one. */
export const outboxRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { engine, store } = context
  const admin = () => {
    if (!engine.outboxMessages || !engine.replayOutbox)
      throw fail('INTERNAL', 'this engine has no outbox administration', '此引擎不支持发件箱管理')
    return { list: engine.outboxMessages, replay: engine.replayOutbox }
  }

  app.get<{ Querystring: OutboxQuerystring }>(
    '/outbox',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['outbox'],
        summary:
          'Outbox messages by status, newest first; by default the failed (dead) ones (platform admin)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: STATUSES, default: 'dead' },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            cursor: { type: 'string', maxLength: 200 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['items', 'nextCursor'],
            properties: {
              items: { type: 'array', items: outboxMessageSchema },
              nextCursor: { type: ['string', 'null'] },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => admin().list(request.query, request.actor),
  )

  app.post<{ Params: { id: string } }>(
    '/outbox/:id/replay',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['outbox'],
        summary:
          'Send a failed (dead) message again: back in the queue with fresh attempts and the same ' +
          'idempotency key; 409 when it is not dead (platform admin)',
        params: idParams,
        response: { 200: outboxMessageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const message = await admin().replay(request.params.id, request.actor)
      await store.audit({
        actor: request.actor.userId,
        action: 'outbox.replay',
        target: message.id,
        details: { kind: message.kind, recordId: message.recordId, app: message.app },
      })
      return message
    },
  )
}
