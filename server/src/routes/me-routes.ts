import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { errorResponses } from '../http/common-schemas.js'

const meSchema = {
  type: 'object',
  required: ['user', 'apps'],
  properties: {
    user: { $ref: 'User#' },
    /** present on cookie sessions: the token to send as x-csrf-token */
    csrfToken: { type: 'string' },
    apps: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'name', 'roles', 'attributes'],
        properties: {
          key: { type: 'string' },
          name: {},
          publishedVersion: { type: ['integer', 'null'] },
          roles: { type: 'array', items: { type: 'string' } },
          attributes: { type: 'object', additionalProperties: true },
        },
      },
    },
  },
} as const

/** GET /api/me: who I am and the apps I may use, with my roles; the admin sees every app. */
export const meRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { store } = context
  app.get(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, their apps and roles',
        response: { 200: meSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = request.user!
      const [apps, memberships] = await Promise.all([store.apps.list(), store.memberships.ofUser(user.id)])
      const byApp = new Map(memberships.map((m) => [m.app, m]))
      const visible = apps.filter((a) => user.isAdmin || byApp.has(a.key))
      return {
        user,
        ...(request.csrfToken ? { csrfToken: request.csrfToken } : {}),
        apps: visible.map((a) => ({
          key: a.key,
          name: a.name,
          publishedVersion: a.publishedVersion,
          roles: byApp.get(a.key)?.roles ?? [],
          attributes: byApp.get(a.key)?.attributes ?? {},
        })),
      }
    },
  )
}
