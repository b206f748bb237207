import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { fail } from '../http-errors.js'
import { appParams, errorResponses } from '../http/common-schemas.js'

const memberSchema = {
  type: 'object',
  required: ['app', 'userId', 'roles', 'attributes', 'available'],
  properties: {
    app: { type: 'string' },
    userId: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    attributes: { type: 'object', additionalProperties: true },
    available: { type: 'boolean' },
    user: { $ref: 'User#' },
  },
} as const

interface MemberBody {
  roles: string[]
  attributes?: Record<string, string | number | boolean | null>
}

/** App members: their roles (declared by the app) and attributes such as region or manager. */
export const memberRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { store } = context

  app.put<{ Params: { app: string; user: string }; Body: MemberBody }>(
    '/apps/:app/members/:user',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['members'],
        summary: "Set a user's roles and attributes in an app (platform admin)",
        params: {
          type: 'object',
          required: ['app', 'user'],
          properties: { ...appParams.properties, user: { type: 'string', minLength: 1, maxLength: 100 } },
        },
        body: {
          type: 'object',
          required: ['roles'],
          additionalProperties: false,
          properties: {
            roles: {
              type: 'array',
              maxItems: 50,
              uniqueItems: true,
              items: { type: 'string', minLength: 1, maxLength: 63 },
            },
            attributes: {
              type: 'object',
              maxProperties: 50,
              additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
            },
          },
        },
        response: { 200: memberSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { app: appKey, user: userId } = request.params
      const definition = (await store.apps.published(appKey))?.definition
      const draft = definition ? undefined : await store.apps.draft(appKey)
      if (!definition && !draft) throw fail('NOT_FOUND', `No app ${appKey}`, `没有应用 ${appKey}`)
      const declared = new Set(
        (definition?.roles ?? (Array.isArray(draft?.roles) ? draft.roles : [])).map(
          (r) => (r as { key?: string }).key,
        ),
      )
      const unknown = request.body.roles.filter((r) => !declared.has(r))
      if (unknown.length)
        throw fail('INVALID', `Unknown roles: ${unknown.join(', ')}`, `未声明的角色：${unknown.join(', ')}`, {
          problems: unknown.map((r) => ({
            path: `/roles/${request.body.roles.indexOf(r)}`,
            code: 'unknownRole',
            message: { en: `the app declares no role ${r}`, 'zh-CN': `应用未声明角色 ${r}` },
          })),
        })
      if (!(await store.users.byId(userId))) throw fail('NOT_FOUND', 'No such user', '没有该用户')
      const membership = await store.memberships.set(
        appKey,
        userId,
        request.body.roles,
        request.body.attributes ?? {},
      )
      await store.audit({
        actor: request.actor.userId,
        action: 'membership.set',
        target: `${appKey}/${userId}`,
        details: { roles: request.body.roles, attributes: request.body.attributes ?? {} },
      })
      return membership
    },
  )

  app.get<{ Params: { app: string } }>(
    '/apps/:app/members',
    {
      schema: {
        tags: ['members'],
        summary: 'Members of an app with their roles and attributes (admin or a member)',
        params: appParams,
        response: { 200: { type: 'array', items: memberSchema }, ...errorResponses },
      },
    },
    async (request) => {
      const members = await store.memberships.ofApp(request.params.app)
      if (!request.actor.isAdmin && !members.some((m) => m.userId === request.actor.userId))
        throw fail('FORBIDDEN', 'Only members of this app may see its members', '仅该应用成员可查看成员')
      return members
    },
  )
}
