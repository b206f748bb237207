import { isUniqueViolation } from '@tessera/runtime'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { AppContext } from '../app-context.js'
import { fail } from '../http-errors.js'
import { errorResponses, formParams } from '../http/common-schemas.js'
import type { SavedView, SavedViewChange } from '../store/saved-view-store.js'

const name = { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' } as const
const role = { type: ['string', 'null'], minLength: 1, maxLength: 100 } as const
/** A records-table setup, as the UI keeps it. */
const settings = {
  type: 'object',
  additionalProperties: false,
  properties: {
    filters: { type: 'object', maxProperties: 200 },
    q: { type: 'string', maxLength: 500 },
    sort: { type: 'string', maxLength: 200 },
    columns: { type: 'array', maxItems: 300, items: { type: 'string', maxLength: 200 } },
    widths: {
      type: 'object',
      maxProperties: 300,
      additionalProperties: { type: 'integer', minimum: 40, maximum: 2000 },
    },
  },
} as const
const viewSchema = {
  type: 'object',
  required: ['id', 'name', 'owner', 'shared', 'role', 'settings', 'mine', 'canEdit', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    owner: { type: 'string' },
    ownerName: { type: ['string', 'null'] },
    shared: { type: 'boolean' },
    role: { type: ['string', 'null'] },
    settings: { type: 'object', additionalProperties: true },
    mine: { type: 'boolean' },
    canEdit: { type: 'boolean' },
    updatedAt: { type: 'string' },
  },
} as const
const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 100 } },
} as const

type CreateBody = { name: string; shared?: boolean; role?: string | null; settings: Record<string, unknown> }

/**
 * Saved views of a records table: mine, and those shared with the app's members or with one of my
 * roles. Anyone in the app saves their own; only the owner or a platform admin changes or deletes one.
 */
export const savedViewRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { store } = context

  /** My roles in the app; a platform admin acts in every role, a stranger is told the app is not there. */
  const rolesIn = async (request: FastifyRequest, appKey: string): Promise<Set<string> | 'all'> => {
    if (request.actor.isAdmin) return 'all'
    const m = (await store.memberships.ofUser(request.actor.userId!)).find((x) => x.app === appKey)
    if (!m) throw fail('NOT_FOUND', `No app ${appKey}`, `没有应用 ${appKey}`)
    return new Set(m.roles)
  }
  const sees = (view: SavedView, userId: string, roles: Set<string> | 'all') =>
    view.owner === userId || (view.shared && (view.role === null || roles === 'all' || roles.has(view.role)))
  const present = (view: SavedView, request: FastifyRequest) => {
    const { app: _app, form: _form, ...rest } = view
    const mine = view.owner === request.actor.userId
    return { ...rest, mine, canEdit: mine || request.actor.isAdmin }
  }
  const taken = (e: unknown, viewName: string): never => {
    if (isUniqueViolation(e))
      throw fail(
        'UNIQUE_VIOLATION',
        `You already have a view named "${viewName}"`,
        `你已有名为“${viewName}”的视图`,
      )
    throw e
  }
  /** A view this actor may change: hidden ones are 404, others' 403. */
  const editable = async (request: FastifyRequest, id: string) => {
    const view = await store.savedViews.get(id)
    if (!view) throw fail('NOT_FOUND', 'No such view', '没有此视图')
    const roles = await rolesIn(request, view.app)
    if (!sees(view, request.actor.userId!, roles)) throw fail('NOT_FOUND', 'No such view', '没有此视图')
    if (view.owner !== request.actor.userId && !request.actor.isAdmin)
      throw fail(
        'FORBIDDEN',
        'Only its owner or an admin may change a shared view',
        '只有创建者或管理员可以修改共享视图',
      )
    return view
  }

  app.get<{ Params: { app: string; form: string } }>(
    '/apps/:app/forms/:form/views',
    {
      schema: {
        tags: ['views'],
        summary: 'My saved views of a form and those shared with me',
        params: formParams,
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: viewSchema } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { app: appKey, form } = request.params
      const roles = await rolesIn(request, appKey)
      const userId = request.actor.userId!
      const views = await store.savedViews.list(appKey, form, userId)
      return { items: views.filter((v) => sees(v, userId, roles)).map((v) => present(v, request)) }
    },
  )

  app.post<{ Params: { app: string; form: string }; Body: CreateBody }>(
    '/apps/:app/forms/:form/views',
    {
      schema: {
        tags: ['views'],
        summary: 'Save a view (shared with the members, or one role, when asked)',
        params: formParams,
        body: {
          type: 'object',
          required: ['name', 'settings'],
          additionalProperties: false,
          properties: { name, shared: { type: 'boolean' }, role, settings },
        },
        response: { 201: viewSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { app: appKey, form } = request.params
      await rolesIn(request, appKey)
      const body = request.body
      const viewName = body.name.trim()
      const id = await store.savedViews
        .create({
          app: appKey,
          form,
          owner: request.actor.userId!,
          name: viewName,
          shared: body.shared ?? false,
          role: body.role ?? null,
          settings: body.settings,
        })
        .catch((e) => taken(e, viewName))
      return reply.code(201).send(present((await store.savedViews.get(id))!, request))
    },
  )

  app.patch<{ Params: { id: string }; Body: SavedViewChange }>(
    '/views/:id',
    {
      schema: {
        tags: ['views'],
        summary: 'Rename, re-share or overwrite a saved view (its owner or an admin)',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { name, shared: { type: 'boolean' }, role, settings },
        },
        response: { 200: viewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const view = await editable(request, request.params.id)
      const change = { ...request.body, ...(request.body.name ? { name: request.body.name.trim() } : {}) }
      await store.savedViews.update(view.id, change).catch((e) => taken(e, change.name ?? view.name))
      return present((await store.savedViews.get(view.id))!, request)
    },
  )

  app.delete<{ Params: { id: string } }>(
    '/views/:id',
    {
      schema: {
        tags: ['views'],
        summary: 'Delete a saved view (its owner or an admin)',
        params: idParams,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const view = await editable(request, request.params.id)
      await store.savedViews.remove(view.id)
      return reply.code(204).send()
    },
  )
}
