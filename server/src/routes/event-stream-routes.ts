import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { errorResponses } from '../http/common-schemas.js'
import type { ChangeNotice } from '../server-store.js'

const HEARTBEAT_MS = 20_000

/**
 * GET /api/events/stream: server-sent events `record`, `list` and `notification`, so open pages refetch what
 * someone else changed. Notices carry ids, never field values, and each is sent only to users who
 * may read it: a record notice after the engine lets this user read that record.
 */
export const eventStreamRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { engine, store, changes } = context
  const open = new Set<() => void>()
  // Closing the server ends every open stream, or close() would wait for clients forever.
  app.addHook('onClose', async () => {
    for (const end of [...open]) end()
  })

  app.get<{ Querystring: { app?: string } }>(
    '/events/stream',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['records'],
        summary:
          'Server-sent events: `record` {app, form, id, version}, `list` {app, form}, and `notification` {app} when my bell has news',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { app: { type: 'string', maxLength: 63 } },
        },
        response: { 200: { type: 'string', description: 'text/event-stream' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = request.actor
      const memberOf = new Set((await store.memberships.ofUser(actor.userId!)).map((m) => m.app))
      const onlyApp = request.query.app

      const mayRead = async (notice: ChangeNotice) => {
        // a bell is its owner's alone, whatever app the page watches
        if (notice.kind === 'notification') return notice.userId === actor.userId
        if (onlyApp && notice.app !== onlyApp) return false
        if (!actor.isAdmin && !memberOf.has(notice.app)) return false
        if (notice.kind === 'list' || !notice.recordId) return true
        return engine.get(notice.recordId, actor).then(
          () => true,
          () => false,
        )
      }

      reply.hijack()
      const raw = reply.raw
      raw.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      raw.write(`retry: 3000\n: connected ${request.id}\n\n`)

      // One notice at a time, in order, so a page never sees version 5 after version 6.
      let queue = Promise.resolve()
      const off = changes.subscribe((notice) => {
        queue = queue.then(async () => {
          if (raw.destroyed || !(await mayRead(notice))) return
          const data =
            notice.kind === 'record'
              ? { app: notice.app, form: notice.form, id: notice.recordId, version: notice.version }
              : notice.kind === 'notification'
                ? { app: notice.app }
                : { app: notice.app, form: notice.form }
          raw.write(`event: ${notice.kind}\ndata: ${JSON.stringify(data)}\n\n`)
        })
      })
      const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS)
      heartbeat.unref()
      const end = () => {
        clearInterval(heartbeat)
        off()
        open.delete(end)
        if (!raw.writableEnded) raw.end()
      }
      open.add(end)
      request.raw.on('close', end)
    },
  )
}
