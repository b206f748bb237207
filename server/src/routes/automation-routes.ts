import { type AutomationRunRow, createAutomationWorker, TesseraError } from '@tessera/runtime'
import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { appParams, errorResponses } from '../http/common-schemas.js'

const RUN_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'skipped'] as const

/** A run as the run log shows it. */
function runView(r: AutomationRunRow) {
  return {
    id: r.id,
    app: r.app,
    automation: r.automation,
    appVersion: r.app_version,
    status: r.status,
    attempts: r.attempts,
    trigger: r.trigger,
    recordId: r.record_id,
    chain: r.chain,
    input: r.input,
    output: r.output,
    error: r.error,
    nextAttemptAt: r.next_attempt_at.toISOString(),
    createdAt: r.created_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
  }
}

const json = { type: ['object', 'array', 'string', 'number', 'boolean', 'null'] } as const
const runSchema = {
  type: 'object',
  required: ['id', 'app', 'automation', 'status', 'attempts', 'createdAt'],
  properties: {
    id: { type: 'string' },
    app: { type: 'string' },
    automation: { type: 'string' },
    appVersion: { type: 'integer' },
    status: { enum: RUN_STATUSES },
    attempts: { type: 'integer' },
    trigger: { type: 'object', additionalProperties: true },
    recordId: { type: ['string', 'null'] },
    chain: { type: 'array', items: { type: 'string' } },
    input: { type: 'object', additionalProperties: true },
    output: { type: ['object', 'null'], additionalProperties: true },
    error: { type: ['object', 'null'], additionalProperties: true },
    nextAttemptAt: { type: 'string' },
    createdAt: { type: 'string' },
    startedAt: { type: ['string', 'null'] },
    finishedAt: { type: ['string', 'null'] },
  },
} as const

const keyParams = {
  type: 'object',
  required: ['app', 'key'],
  properties: { app: { type: 'string', minLength: 1 }, key: { type: 'string', minLength: 1 } },
} as const

/**
 * Automations over HTTP (issue 9): the run log, replay, a dry run against a chosen record (platform
 * admin), and the incoming webhook trigger (public; the automation's secret is the credential).
 */
export const automationRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  // Only the query side is used here; the server's background loop runs the worker's ticks.
  const automations = createAutomationWorker({ store: context.store.runtime, engine: context.engine })

  app.get<{
    Params: { app: string }
    Querystring: {
      automation?: string
      status?: (typeof RUN_STATUSES)[number]
      recordId?: string
      limit?: number
    }
  }>(
    '/apps/:app/automations/runs',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['automations'],
        summary: 'The run log of an app, newest first: status, inputs, outputs and errors',
        params: appParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            automation: { type: 'string', minLength: 1 },
            status: { enum: RUN_STATUSES },
            recordId: { type: 'string', format: 'uuid' },
            limit: { type: 'integer', minimum: 1, maximum: 500 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: runSchema } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const q = request.query
      const rows = await automations.runs({
        app: request.params.app,
        ...(q.automation ? { automation: q.automation } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.recordId ? { recordId: q.recordId } : {}),
        limit: q.limit ?? 100,
      })
      return { items: rows.map(runView) }
    },
  )

  app.post<{ Params: { id: string } }>(
    '/automation-runs/:id/replay',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['automations'],
        summary: 'Run a finished run again from its first step (409 while it is still pending or running)',
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', format: 'uuid' } },
        },
        response: { 200: runSchema, ...errorResponses },
      },
    },
    async (request) => runView(await automations.replay(request.params.id)),
  )

  app.post<{ Params: { app: string; key: string }; Body: { recordId?: string } }>(
    '/apps/:app/automations/:key/test',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['automations'],
        summary:
          'Dry run against a chosen record: the condition and what each action would do; writes nothing',
        params: keyParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { recordId: { type: 'string', format: 'uuid' } },
        },
        response: {
          200: {
            type: 'object',
            required: ['automation', 'condition', 'actions'],
            properties: {
              automation: { type: 'string' },
              recordId: { type: ['string', 'null'] },
              condition: { type: 'boolean' },
              actions: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    index: { type: 'integer' },
                    plan: { type: 'object', additionalProperties: true },
                    error: { type: 'object', additionalProperties: true },
                  },
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) =>
      automations.dryRun(request.params.app, request.params.key, request.body?.recordId ?? null),
  )

  app.post<{ Params: { app: string; key: string }; Body: Record<string, unknown> }>(
    '/apps/:app/automations/:key/webhook',
    {
      config: { access: 'public' },
      schema: {
        tags: ['automations'],
        summary:
          'Incoming webhook: the secret in `x-tessera-secret`, an optional `idempotency-key`; the JSON body is the data',
        params: keyParams,
        body: { type: 'object', additionalProperties: json },
        response: {
          202: {
            type: 'object',
            required: ['accepted'],
            properties: {
              accepted: { type: 'boolean' },
              runId: { type: ['string', 'null'] },
              created: { type: 'boolean' },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const secret = request.headers['x-tessera-secret']
      if (typeof secret !== 'string' || secret === '')
        throw new TesseraError('UNAUTHENTICATED', {
          'zh-CN': '缺少 x-tessera-secret 请求头',
          en: 'the x-tessera-secret header is missing',
        })
      const idem = request.headers['idempotency-key']
      const result = await automations.receiveWebhook(
        request.params.app,
        request.params.key,
        secret,
        request.body,
        typeof idem === 'string' && idem !== '' ? idem.slice(0, 200) : undefined,
      )
      return reply.code(202).send({ accepted: result.runId !== null, ...result })
    },
  )
}
