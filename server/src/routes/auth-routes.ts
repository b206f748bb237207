import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { createAttemptLimiter } from '../auth/attempt-limiter.js'
import { verifyPassword } from '../auth/passwords.js'
import { SESSION_COOKIE } from '../auth/request-auth.js'
import { fail } from '../http-errors.js'
import { errorResponses, idParams } from '../http/common-schemas.js'

interface LoginBody {
  email: string
  password: string
}

const loginBodySchema = {
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', minLength: 1, maxLength: 320 },
    password: { type: 'string', maxLength: 1024 },
  },
} as const

const sessionSchema = {
  type: 'object',
  required: ['user', 'csrfToken'],
  properties: { user: { $ref: 'User#' }, csrfToken: { type: 'string' } },
} as const

const tokenSchema = {
  type: 'object',
  required: ['id', 'name', 'createdAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    createdAt: { type: 'string' },
    lastUsedAt: { type: ['string', 'null'] },
    revokedAt: { type: ['string', 'null'] },
  },
} as const

export const normalizeEmail = (email: string) => email.normalize('NFC').trim().toLowerCase()

/** Sign in and out, and API tokens for scripts. */
export const authRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { store, options } = context
  const { perAccount: accountMax, perAddress: addressMax, windowMs } = options.loginLimit
  const perAccount = createAttemptLimiter(store.loginAttempts, 'account', accountMax, windowMs)
  const perAddress = createAttemptLimiter(store.loginAttempts, 'address', addressMax, windowMs)
  const tooMany = (retryAfter: number) =>
    fail('RATE_LIMITED', 'Too many sign-in attempts; try again later', '登录尝试过多，请稍后再试', {
      retryAfter,
    })

  app.post<{ Body: LoginBody }>(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in: sets the session cookie, answers the CSRF token for writes',
        body: loginBodySchema,
        response: { 200: sessionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const email = normalizeEmail(request.body.email)
      const byAddress = await perAddress.hit(request.ip)
      if (!byAddress.allowed) throw tooMany(byAddress.retryAfter)
      const byAccount = await perAccount.hit(email)
      if (!byAccount.allowed) throw tooMany(byAccount.retryAfter)

      const user = await store.users.byEmail(email)
      const ok = await verifyPassword(user?.passwordHash, request.body.password)
      // One answer for an unknown account, a wrong password and a deactivated user: nothing to probe.
      if (!user || !ok || !user.active) {
        await store.audit({
          actor: user?.id ?? null,
          action: 'login.failed',
          target: email,
          details: { ip: request.ip },
        })
        throw fail('UNAUTHENTICATED', 'Email or password is wrong', '邮箱或密码错误')
      }
      // attempts are counted before the check (so a parallel burst cannot slip through); a success
      // gives its own back: people signing in from one office address never lock each other out
      await Promise.all([perAccount.reset(email), perAddress.refund(request.ip)])
      const { token, csrfToken } = await store.sessions.create(user.id, options.sessionTtlMs)
      await store.audit({ actor: user.id, action: 'login', target: user.id, details: { ip: request.ip } })
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secureCookies,
        path: '/',
        maxAge: Math.floor(options.sessionTtlMs / 1000),
      })
      const { passwordHash: _hash, ...view } = user
      return { user: view, csrfToken }
    },
  )

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the session',
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (request.sessionToken) await store.sessions.delete(request.sessionToken)
      context.credentials.clear()
      await store.audit({ actor: request.actor.userId, action: 'logout', target: request.actor.userId })
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.code(204).send()
    },
  )

  app.post<{ Body: { name: string } }>(
    '/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an API token; the token is shown once, only its hash is kept',
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 100 } },
        },
        response: {
          201: {
            type: 'object',
            required: [...tokenSchema.required, 'token'],
            properties: { ...tokenSchema.properties, token: { type: 'string' } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const userId = request.actor.userId!
      const { info, token } = await store.tokens.create(userId, request.body.name)
      await store.audit({
        actor: userId,
        action: 'token.create',
        target: info.id,
        details: { name: info.name },
      })
      return reply.code(201).send({ ...info, token })
    },
  )

  app.get(
    '/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'My API tokens (never the tokens themselves)',
        response: { 200: { type: 'array', items: tokenSchema }, ...errorResponses },
      },
    },
    async (request) => store.tokens.list(request.actor.userId!),
  )

  app.delete<{ Params: { id: string } }>(
    '/auth/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke an API token (mine, or any as the platform admin)',
        params: idParams,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const owner = request.actor.isAdmin ? null : request.actor.userId
      const revoked = await store.tokens.revoke(request.params.id, owner)
      if (!revoked) throw fail('NOT_FOUND', 'No such API token', '没有该 API 令牌')
      context.credentials.clear()
      await store.audit({ actor: request.actor.userId, action: 'token.revoke', target: request.params.id })
      return reply.code(204).send()
    },
  )
}
