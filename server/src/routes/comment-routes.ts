import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { errorResponses, idParams } from '../http/common-schemas.js'

const commentSchema = {
  type: 'object',
  required: ['id', 'recordId', 'author', 'body', 'at'],
  properties: {
    id: { type: 'string' },
    recordId: { type: 'string' },
    author: { type: ['string', 'null'] },
    body: { type: 'string' },
    at: { type: 'string' },
  },
} as const

/** Comments on a record: whoever may read the record may read and add them. */
export const commentRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { engine, store, changes } = context

  app.post<{ Params: { id: string }; Body: { body: string } }>(
    '/records/:id/comments',
    {
      schema: {
        tags: ['records'],
        summary: 'Comment on a record (stored as plain text)',
        params: idParams,
        body: {
          type: 'object',
          required: ['body'],
          additionalProperties: false,
          properties: { body: { type: 'string', minLength: 1, maxLength: 10_000 } },
        },
        response: { 201: commentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      // Reading the record first: the engine's permission check decides who may comment.
      const record = await engine.get(request.params.id, request.actor)
      const comment = await store.comments.add(record.app, record.id, request.actor.userId, request.body.body)
      changes.publish({
        kind: 'record',
        app: record.app,
        form: record.form,
        recordId: record.id,
        version: record.version,
      })
      return reply.code(201).send(comment)
    },
  )

  app.get<{ Params: { id: string } }>(
    '/records/:id/comments',
    {
      schema: {
        tags: ['records'],
        summary: "A record's comments, oldest first",
        params: idParams,
        response: { 200: { type: 'array', items: commentSchema }, ...errorResponses },
      },
    },
    async (request) => {
      const record = await engine.get(request.params.id, request.actor)
      return store.comments.list(record.app, record.id)
    },
  )
}
