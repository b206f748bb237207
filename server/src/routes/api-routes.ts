import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { appRoutes } from './app-routes.js'
import { authRoutes } from './auth-routes.js'
import { automationRoutes } from './automation-routes.js'
import { commentRoutes } from './comment-routes.js'
import { dashboardRoutes } from './dashboard-routes.js'
import { departmentRoutes } from './department-routes.js'
import { draftRoutes } from './draft-routes.js'
import { eventStreamRoutes } from './event-stream-routes.js'
import { exportRoutes } from './export-routes.js'
import { fileRoutes } from './file-routes.js'
import { healthRoutes } from './health-routes.js'
import { importRoutes } from './import-routes.js'
import { inboxRoutes } from './inbox-routes.js'
import { meRoutes } from './me-routes.js'
import { memberRoutes } from './member-routes.js'
import { notificationRoutes } from './notification-routes.js'
import { openWorkRoutes } from './open-work-routes.js'
import { outboxRoutes } from './outbox-routes.js'
import { publicFormRoutes } from './public-form-routes.js'
import { recordRoutes } from './record-routes.js'
import { savedViewRoutes } from './saved-view-routes.js'
import { userRoutes } from './user-routes.js'

const plugins = [
  healthRoutes,
  authRoutes,
  meRoutes,
  userRoutes,
  memberRoutes,
  appRoutes,
  draftRoutes,
  recordRoutes,
  commentRoutes,
  inboxRoutes,
  eventStreamRoutes,
  fileRoutes,
  publicFormRoutes,
  importRoutes,
  exportRoutes,
  automationRoutes,
  dashboardRoutes,
  departmentRoutes,
  openWorkRoutes,
  outboxRoutes,
  savedViewRoutes,
  notificationRoutes,
]

/** Every resource's plugin, mounted under /api. */
export const apiRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  for (const plugin of plugins) await app.register(plugin, { context })
}
