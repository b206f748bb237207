import { type Engine, isTesseraError, isUuid } from '@tessera/runtime'
import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { fail } from '../http-errors.js'
import { errorResponses, idParams } from '../http/common-schemas.js'
import { pickLocale } from '../http/locale.js'

interface ReassignBody {
  from: string
  to: string
  records: { id: string; version?: number }[]
}

const openWorkList = {
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: { $ref: 'OpenWorkItem#' } } },
} as const

/** The engine's open-work operations (optional on the Engine interface, present on the real one). */
function openWorkOps(engine: Engine) {
  const { openWork, reassign } = engine
  if (!openWork || !reassign)
    throw fail('INTERNAL', 'this engine cannot list or hand on open work', '此引擎不支持转交工作')
  return { openWork: openWork.bind(engine), reassign: reassign.bind(engine) }
}

/**
 * A person's open work (records assigned to them, or awaiting their decision, in non-final states)
 * for whoever may hand it on: an admin, their `manager`, or a head above them. Deactivating someone
 * leaves their work where it is; this is where their manager finds it and reassigns it.
 */
export const openWorkRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { engine, store } = context

  app.get<{ Params: { id: string } }>(
    '/users/:id/open-work',
    {
      schema: {
        tags: ['users'],
        summary:
          "A person's open work: one's own, or as far as the caller may hand it on (admin, their manager or a head above them); anyone else is 403",
        params: idParams,
        response: { 200: openWorkList, ...errorResponses },
      },
    },
    async (request) => {
      const { id } = request.params
      // a malformed id reaches no uuid column: nobody by that id (it was a 500)
      if (!isUuid(id)) throw fail('NOT_FOUND', `No user ${id}`, `没有用户 ${id}`)
      return { items: await openWorkOps(engine).openWork(id, request.actor) }
    },
  )

  app.get(
    '/open-work/deactivated',
    {
      schema: {
        tags: ['users'],
        summary: 'The open work of deactivated people the caller manages (an admin: of everyone deactivated)',
        response: {
          200: {
            type: 'object',
            required: ['people'],
            properties: {
              people: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['user', 'items'],
                  properties: {
                    user: { $ref: 'User#' },
                    items: { type: 'array', items: { $ref: 'OpenWorkItem#' } },
                  },
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ops = openWorkOps(engine)
      const people = []
      for (const user of (await store.users.list()).filter((u) => !u.active)) {
        const items = await ops.openWork(user.id, request.actor).catch((e: unknown) => {
          // someone the caller manages nowhere: not theirs to see, so not listed
          if (isTesseraError(e) && e.code === 'FORBIDDEN') return []
          throw e
        })
        if (items.length > 0) people.push({ user, items })
      }
      return { people }
    },
  )

  app.post<{ Body: ReassignBody }>(
    '/open-work/reassign',
    {
      schema: {
        tags: ['users'],
        summary:
          "Hand records from one person to another (bulk): each record on its own, answered per record (admin or the person's manager)",
        body: {
          type: 'object',
          required: ['from', 'to', 'records'],
          additionalProperties: false,
          properties: {
            from: { type: 'string', minLength: 1, maxLength: 100 },
            to: { type: 'string', minLength: 1, maxLength: 100 },
            records: {
              type: 'array',
              minItems: 1,
              maxItems: 500,
              items: {
                type: 'object',
                required: ['id'],
                additionalProperties: false,
                properties: {
                  id: { type: 'string', minLength: 1 },
                  version: { type: 'integer', minimum: 1 },
                },
              },
            },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['results'],
            properties: {
              results: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'ok'],
                  properties: {
                    id: { type: 'string' },
                    ok: { type: 'boolean' },
                    version: { type: 'integer' },
                    code: { type: 'string' },
                    message: { type: 'string' },
                  },
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { from, to, records } = request.body
      if (from === to) throw fail('BAD_REQUEST', '`from` and `to` are the same person', '转出人与接收人相同')
      const ops = openWorkOps(engine)
      const locale = pickLocale(request.headers['accept-language'])
      const results = []
      // one transaction per record: a record changed meanwhile fails alone, the others move on
      for (const r of records) {
        try {
          const moved = await ops.reassign(r.id, from, to, request.actor, r.version)
          results.push({ id: r.id, ok: true, version: moved.version })
        } catch (e) {
          if (!isTesseraError(e)) throw e
          results.push({ id: r.id, ok: false, code: e.code, message: e.localized[locale] })
        }
      }
      const moved = results.filter((r) => r.ok).map((r) => r.id)
      if (moved.length > 0)
        await store.audit({
          actor: request.actor.userId,
          action: 'work.reassign',
          target: from,
          details: { to, records: moved },
        })
      return { results }
    },
  )
}
