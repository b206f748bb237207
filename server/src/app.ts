import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyCookie from '@fastify/cookie'
import fastifyMultipart from '@fastify/multipart'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { Engine } from '@tessera/runtime'
import { type VerifyOptions, type VerifyResult, verifyApp } from '@tessera/schemas'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import helmet from 'helmet'
import { type AppContext, type ServerOptions, resolveOptions } from './app-context.js'
import { createCredentialCache } from './auth/credential-cache.js'
import { registerRequestAuth } from './auth/request-auth.js'
import { fail, registerErrorHandler, sendProblem } from './http-errors.js'
import { sharedSchemas } from './http/common-schemas.js'
import { PUBLIC_FORM_PAGE, allowEmbedding } from './http/embed-policy.js'
import { registerJsonBodyParser } from './http/json-body-parser.js'
import { createChangeHub } from './live/change-hub.js'
import { createDefinitionCache } from './records/definition-cache.js'
import { apiRoutes } from './routes/api-routes.js'
import type { ServerStore } from './server-store.js'
import { startBackgroundLoops } from './workers/background-loops.js'

export interface BuildAppInput {
  engine: Engine
  store: ServerStore
  options?: ServerOptions
  /** the definition verifier; defaults to the schemas package's */
  verify?: (definition: unknown, options?: VerifyOptions) => VerifyResult
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/

/**
 * The HTTP server, built from its dependencies (no globals), so tests drive it with `app.inject`.
 * Every route lives under /api as one plugin per resource; the built UI is served beside it.
 */
export async function buildApp({
  engine,
  store,
  options = {},
  verify = verifyApp,
}: BuildAppInput): Promise<FastifyInstance> {
  const resolved = resolveOptions(options)
  const fastifyOptions: FastifyServerOptions = {
    logger: resolved.logger,
    bodyLimit: resolved.bodyLimit,
    trustProxy: resolved.trustProxy,
    // A caller's own id is kept when it is sane, so a trace crosses services; else a fresh UUID.
    genReqId: (req) => {
      const sent = req.headers['x-request-id']
      return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID()
    },
    ajv: {
      customOptions: {
        allErrors: true,
        removeAdditional: false,
        coerceTypes: 'array',
        allowUnionTypes: true,
      },
    },
  }
  const app = Fastify(fastifyOptions)
  const changes = createChangeHub(store)
  const definitions = createDefinitionCache(store)
  const credentials = createCredentialCache()
  const context: AppContext = { engine, store, options: resolved, changes, definitions, credentials, verify }

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
  registerErrorHandler(app)
  registerJsonBodyParser(app)
  for (const schema of sharedSchemas) app.addSchema(schema)

  // Built once: @fastify/helmet calls helmet(options) on every request, parsing the CSP each time.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd's CSS-in-JS writes <style> elements at run time; scripts stay strictly same-origin.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Upgrading only makes sense behind HTTPS; on plain http://127.0.0.1 it would break the UI.
        upgradeInsecureRequests: resolved.secureCookies ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
  })
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined))
  })
  await app.register(fastifyCookie)
  await app.register(fastifyMultipart, {
    limits: { fileSize: resolved.importLimit, files: 1, fields: 20, parts: 25 },
    throwFileSizeLimit: true,
  })
  await app.register(fastifyRateLimit, {
    // 0 turns the global limit off; the routes with their own (sign-in, public forms) keep theirs
    global: resolved.rateLimit.max > 0,
    max: resolved.rateLimit.max,
    timeWindow: resolved.rateLimit.windowMs,
    // Per address: a key taken from an unverified token would let a caller mint fresh budgets.
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) =>
      fail(
        'RATE_LIMITED',
        `Too many requests; retry in ${context.after}`,
        `请求过于频繁，请在 ${context.after} 后重试`,
        {
          retryAfter: Math.ceil(context.ttl / 1000),
        },
      ),
  })
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tessera API',
        version: '0.1.0',
        description: 'Forms and workflows: definitions, records, transitions, imports and exports.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tessera_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  })
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    transformStaticCSP: (header) =>
      resolved.secureCookies ? header : header.replace(/upgrade-insecure-requests;?\s*/g, ''),
    uiConfig: { deepLinking: true },
  })

  registerRequestAuth(app, store, credentials)
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () =>
    app.swagger(),
  )
  await app.register(apiRoutes, { prefix: '/api', context })
  await registerUi(app, resolved.uiDir, resolved.rateLimit.max > 0)

  const loops = resolved.background ? startBackgroundLoops(context, app.log) : null
  app.addHook('onClose', async () => {
    await loops?.stop()
    changes.close()
  })
  return app
}

/** The built UI with SPA fallback: any non-API GET that is not a file answers index.html. */
async function registerUi(app: FastifyInstance, uiDir: string | null, rateLimited: boolean) {
  const hasUi = uiDir !== null && existsSync(join(uiDir, 'index.html'))
  if (hasUi) await app.register(fastifyStatic, { root: uiDir, wildcard: false, index: ['index.html'] })
  // unknown paths spend the address's budget too, so probing for routes is limited like the API
  app.setNotFoundHandler(rateLimited ? { preHandler: app.rateLimit() } : {}, (request, reply) => {
    const path = request.url.split('?')[0] ?? ''
    if (hasUi && request.method === 'GET' && !path.startsWith('/api/') && path !== '/api') {
      if (PUBLIC_FORM_PAGE.test(path)) allowEmbedding(reply)
      return reply.type('text/html; charset=utf-8').sendFile('index.html')
    }
    return sendProblem(
      reply,
      request,
      fail('NOT_FOUND', `No route ${request.method} ${path}`, `没有此接口 ${request.method} ${path}`),
    )
  })
}
