import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { errorResponses, formParams, idParams } from '../http/common-schemas.js'
import { fail } from '../http-errors.js'
import { optionalBody } from '../http/optional-body.js'
import { expectedVersion } from '../records/expected-version.js'
import { type ListQuerystring, listQuerystringSchema, toListQuery } from '../records/list-params.js'

interface FormParams {
  app: string
  form: string
}
interface DataBody {
  data?: Record<string, unknown>
  version?: number
}

const dataBody = (required: string[]) =>
  ({
    type: 'object',
    required,
    additionalProperties: false,
    properties: {
      data: {
        type: 'object',
        additionalProperties: true,
        description: 'field key to value; unknown keys are rejected by the form',
      },
      version: { type: 'integer', minimum: 0, description: 'the version you read (or send If-Match)' },
    },
  }) as const

const listSchema = {
  type: 'object',
  required: ['items', 'total', 'totalIsEstimate', 'nextCursor'],
  properties: {
    items: { type: 'array', items: { $ref: 'Record#' } },
    total: {
      type: 'integer',
      description: 'exact up to 10,000 matches; past that an estimate, and totalIsEstimate is true',
    },
    totalIsEstimate: {
      type: 'boolean',
      description: 'total is the database planner estimate (show it as "about N"), not a count',
    },
    nextCursor: { type: ['string', 'null'] },
  },
} as const

/** Records: submit, list, read, edit, move through the workflow, decide, history. */
export const recordRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  // Change notices for the SSE streams come from the engine's afterCommit hook (server-engine.ts);
  // file references (C8: completed uploads of the same user) are checked by the engine in its transaction.
  const { engine, store } = context

  app.post<{ Params: FormParams; Body: DataBody & { draft?: boolean } }>(
    '/apps/:app/forms/:form/records',
    {
      schema: {
        tags: ['records'],
        summary: 'Submit a record; its workflow starts in the initial state',
        params: formParams,
        body: {
          ...dataBody(['data']),
          properties: {
            data: dataBody([]).properties.data,
            draft: { type: 'boolean', description: 'save half-filled, no checks' },
          },
        },
        response: { 201: { $ref: 'Record#' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { app: appKey, form } = request.params
      const record = await engine.submit(
        appKey,
        form,
        request.body.data,
        request.actor,
        request.body.draft ? { draft: true } : undefined,
      )
      return reply.code(201).header('etag', `"${record.version}"`).send(record)
    },
  )

  app.get<{ Params: FormParams; Querystring: ListQuerystring }>(
    '/apps/:app/forms/:form/records',
    {
      schema: {
        tags: ['records'],
        summary:
          'List records with filter, sort, cursor pagination and text search; fields withheld per state',
        params: formParams,
        querystring: listQuerystringSchema,
        response: { 200: listSchema, ...errorResponses },
      },
    },
    async (request) =>
      engine.list(request.params.app, request.params.form, toListQuery(request.query), request.actor),
  )

  app.get<{ Params: { id: string } }>(
    '/records/:id',
    {
      schema: {
        tags: ['records'],
        summary: 'One record as I may see it: state, open transitions, access per field',
        params: idParams,
        response: { 200: { $ref: 'RecordDetail#' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const record = await engine.get(request.params.id, request.actor)
      return reply.header('etag', `"${record.version}"`).send(record)
    },
  )

  app.patch<{ Params: { id: string }; Body: DataBody }>(
    '/records/:id',
    {
      schema: {
        tags: ['records'],
        summary: 'Edit the fields the current state lets me edit; a stale version is 409',
        params: idParams,
        body: dataBody(['data']),
        response: { 200: { $ref: 'Record#' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request, request.body.version)
      const record = await engine.update(request.params.id, request.body.data, request.actor, version)
      return reply.header('etag', `"${record.version}"`).send(record)
    },
  )

  app.post<{ Params: { id: string; transition: string }; Body: DataBody | undefined }>(
    '/records/:id/transitions/:transition',
    {
      preValidation: optionalBody,
      schema: {
        tags: ['records'],
        summary:
          'Fire a transition with the fields it requires: 200, 403 role, 409 stale or not open, 422 guard or data',
        params: {
          type: 'object',
          required: ['id', 'transition'],
          properties: { ...idParams.properties, transition: { type: 'string', minLength: 1, maxLength: 63 } },
        },
        body: dataBody([]),
        response: { 200: { $ref: 'Record#' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body ?? {}
      const version = expectedVersion(request, body.version)
      const record = await engine.transition(
        request.params.id,
        request.params.transition,
        body.data ?? {},
        request.actor,
        version,
      )
      return reply.header('etag', `"${record.version}"`).send(record)
    },
  )

  app.post<{
    Params: { id: string }
    Body: { decision: 'approve' | 'reject'; comment?: string; version?: number }
  }>(
    '/records/:id/decisions',
    {
      schema: {
        tags: ['records'],
        summary: 'Approve or reject in an approval state; the state moves on when its rule is met',
        params: idParams,
        body: {
          type: 'object',
          required: ['decision'],
          additionalProperties: false,
          properties: {
            decision: { type: 'string', enum: ['approve', 'reject'] },
            comment: { type: 'string', maxLength: 4000 },
            version: { type: 'integer', minimum: 0 },
          },
        },
        response: { 200: { $ref: 'Record#' }, ...errorResponses },
      },
    },
    async (request) => {
      const version = expectedVersion(request, request.body.version)
      const record = await engine.decide(
        request.params.id,
        request.body.decision,
        request.body.comment,
        request.actor,
        version,
      )
      return record
    },
  )

  app.delete<{ Params: { id: string } }>(
    '/records/:id',
    {
      schema: {
        tags: ['records'],
        summary:
          "Delete a record within my form's `delete` scope; If-Match carries the version (409 when stale). " +
          'Soft: it leaves lists, exports, reads and the inbox, its unique values are freed, its timers ' +
          'cancelled, a `deleted` event ends its history and the audit log keeps who did it',
        params: idParams,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request, undefined)
      if (!engine.remove) throw fail('INTERNAL', 'this engine cannot delete records', '此引擎不能删除记录')
      await engine.remove(request.params.id, request.actor, version)
      await store.audit({
        actor: request.actor.userId,
        action: 'record.delete',
        target: request.params.id,
        details: { version },
      })
      return reply.code(204).send()
    },
  )

  app.get<{ Params: { id: string } }>(
    '/records/:id/events',
    {
      schema: {
        tags: ['records'],
        summary: "A record's history; withheld fields are left out of the diffs",
        params: idParams,
        response: { 200: { type: 'array', items: { $ref: 'Event#' } }, ...errorResponses },
      },
    },
    async (request) => {
      const events = await engine.events(request.params.id, request.actor)
      const names = new Map<string, string | null>()
      for (const id of new Set(events.map((e) => e.actor).filter((a): a is string => a !== null)))
        names.set(id, (await store.users.byId(id))?.name ?? null)
      return events.map((e) => ({ ...e, actorName: e.actor ? (names.get(e.actor) ?? null) : null }))
    },
  )
}
