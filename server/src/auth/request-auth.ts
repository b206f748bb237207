import type { Actor } from '@tessera/runtime'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { fail } from '../http-errors.js'
import type { ServerStore, UserView } from '../server-store.js'
import type { CredentialCache } from './credential-cache.js'
import { safeEqual } from './secrets.js'

export const SESSION_COOKIE = 'tessera_session'

/** Who may call a route: anyone, a signed-in user, or the platform admin. Default: user. */
export type Access = 'public' | 'user' | 'admin'

declare module 'fastify' {
  interface FastifyRequest {
    user: UserView | null
    actor: Actor
    authVia: 'session' | 'token' | null
    /** the session cookie's token, for logout */
    sessionToken: string | null
    /** the session's CSRF token, echoed by GET /api/me so a reloaded page can write again */
    csrfToken: string | null
  }
  interface FastifyContextConfig {
    access?: Access
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const anonymous: Actor = { userId: null, isAdmin: false, via: 'api' }

// Secure by default under /api; the UI's files and the API docs are public.
const defaultAccess = (url: string): Access =>
  url.startsWith('/api/') && !url.startsWith('/api/docs') ? 'user' : 'public'

/** The actor of a signed-in user, as the engine expects it. */
export const actorOf = (user: UserView, via = 'api'): Actor => ({
  userId: user.id,
  isAdmin: user.isAdmin,
  via,
})

/**
 * Resolves the caller from the session cookie or `Authorization: Bearer`, before the body is read,
 * so an anonymous request is refused without parsing it. Cookie-authenticated writes must repeat
 * the session's CSRF token in `x-csrf-token` (a cross-site form cannot read it).
 */
export function registerRequestAuth(app: FastifyInstance, store: ServerStore, cache: CredentialCache) {
  app.decorateRequest('user', null)
  app.decorateRequest('actor', null as unknown as Actor)
  app.decorateRequest('authVia', null)
  app.decorateRequest('sessionToken', null)
  app.decorateRequest('csrfToken', null)

  // preParsing: after the rate limit (an onRequest hook of each route), before the body is read.
  app.addHook('preParsing', async (request, _reply, payload) => {
    request.actor = anonymous
    const access: Access = request.routeOptions.config?.access ?? defaultAccess(request.url)
    const outcome = await identify(request, store, cache)
    if (access === 'public') return payload
    // A public route (login, public forms) ignores a session whose CSRF check failed; others refuse.
    if (outcome === 'csrf-failed')
      throw fail('FORBIDDEN', 'Missing or wrong x-csrf-token header', '缺少或错误的 x-csrf-token 请求头')
    if (!request.user) throw fail('UNAUTHENTICATED', 'Sign in first', '请先登录')
    if (access === 'admin' && !request.user.isAdmin)
      throw fail('FORBIDDEN', 'Only the platform admin may do this', '仅平台管理员可执行此操作')
    return payload
  })
}

async function identify(
  request: FastifyRequest,
  store: ServerStore,
  cache: CredentialCache,
): Promise<'ok' | 'csrf-failed'> {
  const authorization = request.headers.authorization
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization)
    if (!match?.[1])
      throw fail('UNAUTHENTICATED', 'Malformed Authorization header', 'Authorization 请求头格式错误')
    const token = match[1]
    const user = (
      await cache.resolve(`bearer:${token}`, async () => {
        const found = await store.tokens.find(token)
        return found && { user: found.user, csrfToken: null, expiresAt: null }
      })
    )?.user
    if (!user) throw fail('UNAUTHENTICATED', 'The API token is invalid or revoked', 'API 令牌无效或已撤销')
    request.user = user
    request.actor = actorOf(user)
    request.authVia = 'token'
    return 'ok'
  }
  const cookie = request.cookies?.[SESSION_COOKIE]
  if (!cookie) return 'ok'
  const session = await cache.resolve(`session:${cookie}`, async () => {
    const found = await store.sessions.find(cookie)
    return found && { user: found.user, csrfToken: found.csrfToken, expiresAt: found.expiresAt.getTime() }
  })
  if (!session) return 'ok'
  const csrfToken = session.csrfToken ?? ''
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers['x-csrf-token']
    if (typeof sent !== 'string' || !safeEqual(sent, csrfToken)) return 'csrf-failed'
  }
  request.user = session.user
  request.actor = actorOf(session.user)
  request.authVia = 'session'
  request.sessionToken = cookie
  request.csrfToken = csrfToken
  return 'ok'
}
