import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { fail } from '../http-errors.js'

const healthSchema = {
  type: 'object',
  required: ['status', 'database'],
  properties: { status: { type: 'string', enum: ['ok'] }, database: { type: 'string', enum: ['up'] } },
} as const

/** GET /api/health: 200 when the database answers, 503 with Retry-After when it does not. */
export const healthRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.get(
    '/health',
    {
      config: { access: 'public', rateLimit: false },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: { 200: healthSchema },
      },
    },
    async () => {
      try {
        await context.store.ping()
      } catch {
        throw fail('UNAVAILABLE', 'The database is unreachable', '数据库无法连接')
      }
      return { status: 'ok' as const, database: 'up' as const }
    },
  )
}
