import type { RecordDetail } from '@tessera/runtime'
import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { errorResponses } from '../http/common-schemas.js'

/** GET /api/inbox: records assigned to me or awaiting my decision, across apps, earliest SLA first. */
export const inboxRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { engine, store } = context
  app.get<{ Querystring: { limit?: number } }>(
    '/inbox',
    {
      schema: {
        tags: ['records'],
        summary: 'My work: assigned records and pending decisions, sorted by SLA due',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 200 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: { $ref: 'RecordDetail#' } } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 50
      // Fetched generously: records with nothing left for me (a final state) are dropped below.
      const ids = await store.inbox(request.actor.userId!, limit * 2)
      const items: RecordDetail[] = []
      // Each record through the engine, so withheld fields stay withheld here too.
      for (const id of ids) {
        if (items.length >= limit) break
        const record = await engine.get(id, request.actor).catch(() => null)
        const waitsForMe =
          record &&
          (record.transitions.length > 0 || record.approval?.pending.includes(request.actor.userId!))
        if (record && waitsForMe) items.push(record)
      }
      return { items }
    },
  )
}
