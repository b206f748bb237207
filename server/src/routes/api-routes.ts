import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { authRoutes } from './auth-routes.js'
import { healthRoutes } from './health-routes.js'
import { meRoutes } from './me-routes.js'
import { memberRoutes } from './member-routes.js'
import { userRoutes } from './user-routes.js'

/** Every resource's plugin, mounted under /api. */
export const apiRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  for (const plugin of [healthRoutes, authRoutes, meRoutes, userRoutes, memberRoutes])
    await app.register(plugin, { context })
}
