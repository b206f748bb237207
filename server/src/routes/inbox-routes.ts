import type { RecordDetail } from '@tessera/runtime'
import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { errorResponses } from '../http/common-schemas.js'
import { roleQueues } from '../records/role-queues.js'

const queueSchema = {
  type: 'object',
  required: ['app', 'form', 'state', 'queue', 'total', 'totalIsEstimate', 'items'],
  properties: {
    app: { type: 'string' },
    form: { type: 'string' },
    state: { type: 'string' },
    queue: {
      type: 'object',
      description: 'the role or the department the state hands its records to as a whole',
      properties: { role: { type: 'string' }, department: { type: 'string' } },
    },
    total: { type: 'integer' },
    totalIsEstimate: { type: 'boolean' },
    items: { type: 'array', items: { $ref: 'Record#' } },
  },
} as const

/** GET /api/inbox: records assigned to me or awaiting my decision, across apps, earliest SLA first. */
export const inboxRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { engine, store, definitions } = context
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

  app.get<{ Querystring: { limit?: number } }>(
    '/inbox/queues',
    {
      schema: {
        tags: ['records'],
        summary: "My team's queues: unassigned records in states assigned to a role or department I am in",
        description:
          "One entry per (app, form, state) whose assignee rule is a role or a department (or a round robin whose role it is) the caller belongs to, with how many unassigned records wait there (read with the caller's own row rules) and the longest waiting first. Empty queues are left out.",
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 50, description: 'records per queue (10)' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['queues'],
            properties: { queues: { type: 'array', items: queueSchema } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => ({
      queues: await roleQueues(
        { engine, store: store.runtime, definitions },
        request.actor,
        request.query.limit ?? 10,
      ),
    }),
  )
}
