import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  INJECT_ADMIN,
  type InjectWorld,
  type RouteSpec,
  type Session,
  fingerprint,
  openInjectWorld,
  routesOf,
} from '../support/proof-inject.js'

/**
 * Issue 8, access: every route as anonymous, with a forged cookie, an expired session and a revoked
 * token (all refused like anonymous), as a member of another app (nothing of this app, no change),
 * as an app member on admin routes (403). Headers on the API and the UI; secrets never in logs,
 * events or the audit trail.
 */
const PUBLIC = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  'GET /api/public/forms/{token}',
  'POST /api/public/forms/{token}',
  'GET /api/public/forms/{token}/validator.js',
])
const ADMIN_ONLY = new Set([
  'POST /api/users',
  'GET /api/users',
  'PATCH /api/users/{id}',
  'PUT /api/apps/{app}/members/{user}',
  'PUT /api/apps/{app}/draft',
  'GET /api/apps/{app}/draft',
  'POST /api/apps/{app}/verify',
  'POST /api/apps/{app}/publish',
  'POST /api/apps/{app}/forms/{form}/public-link',
])
const STREAM = 'GET /api/events/stream'

let world: InjectWorld
let routes: RouteSpec[]
let agent: Session
let outsider: Session
let recordId: string
let agentPassword: string
const secrets: string[] = []

beforeAll(async () => {
  const uiDir = mkdtempSync(join(tmpdir(), 'tessera-proof-ui-'))
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>Tessera</title><div id="root"></div>')
  world = await openInjectWorld({ uiDir })
  routes = await routesOf(world.app)
  agent = await world.member('agent@inject.test', 'proof', ['agent'])
  agentPassword = 'agent@inject.test password'
  outsider = await world.member('outsider@inject.test', 'other', ['agent'])
  const rec = await world.app.inject({
    method: 'POST',
    url: '/api/apps/proof/forms/task/records',
    headers: agent.write,
    payload: { data: { ref: 'acc-1', title: 'Access' } },
  })
  if (rec.statusCode !== 201) throw new Error(rec.body)
  recordId = (rec.json() as { id: string }).id
  secrets.push(INJECT_ADMIN.password, agentPassword, 'outsider@inject.test password')
  secrets.push(world.admin.cookieValue, agent.cookieValue, outsider.cookieValue)
  secrets.push(world.admin.write['x-csrf-token'] as string, agent.write['x-csrf-token'] as string)
})

afterAll(async () => {
  await world?.close()
})

/** A concrete URL for a route, aimed at this app's record. */
const urlOf = (route: RouteSpec, app = 'proof') =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'app') return app
    if (name === 'form') return 'task'
    if (name === 'transition') return 'start'
    if (name === 'id') return route.path.startsWith('/api/users') ? agent.userId : recordId
    if (name === 'user') return outsider.userId
    return '00000000-0000-0000-0000-000000000000'
  })

const bodyFor = (route: RouteSpec): string | undefined =>
  route.method === 'GET' || route.method === 'DELETE'
    ? undefined
    : JSON.stringify(
        route.path.includes('/members/')
          ? { roles: ['agent'], attributes: {} }
          : route.path.endsWith('/decisions')
            ? { decision: 'approve', version: 1 }
            : { data: { ref: `x-${randomBytes(3).toString('hex')}`, title: 'probe' }, version: 1, name: 'n' },
      )

async function call(route: RouteSpec, headers: Record<string, string>, app = 'proof') {
  const payload = bodyFor(route)
  return world.app.inject({
    method: route.method as 'GET',
    url: urlOf(route, app),
    headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) },
    ...(payload ? { payload } : {}),
  })
}

const key = (r: RouteSpec) => `${r.method} ${r.path}`

describe('proof: access to every route', () => {
  it('refuses anonymous, forged, expired and revoked credentials on every non-public route', async () => {
    // A token the agent made, then revoked; a session whose expiry has passed.
    const made = await world.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: agent.write,
      payload: { name: 'x' },
    })
    const { id: tokenId, token } = made.json() as { id: string; token: string }
    secrets.push(token)
    expect(
      (
        await world.app.inject({
          method: 'GET',
          url: '/api/me',
          headers: { authorization: `Bearer ${token}` },
        })
      ).statusCode,
    ).toBe(200)
    const revoked = await world.app.inject({
      method: 'DELETE',
      url: `/api/auth/tokens/${tokenId}`,
      headers: agent.write,
    })
    expect(revoked.statusCode).toBe(204)
    const expired = await world.login('agent@inject.test', agentPassword)
    secrets.push(expired.cookieValue)
    const hash = createHash('sha256').update(expired.cookieValue).digest('hex')
    const moved = await sql`update session set expires_at = now() - interval '1 minute'
      where id = ${hash} returning id`.execute(world.runtime.db)
    expect(moved.rows).toHaveLength(1)

    const callers: Record<string, Record<string, string>> = {
      anonymous: {},
      'forged cookie': {
        cookie: `tessera_session=${randomBytes(24).toString('base64url')}`,
        'x-csrf-token': 'x',
      },
      'forged bearer': { authorization: `Bearer ${randomBytes(24).toString('base64url')}` },
      'revoked token': { authorization: `Bearer ${token}` },
      'expired session': expired.write,
    }
    const before = await fingerprint(world.runtime.db)
    const wrong: string[] = []
    for (const route of routes) {
      if (key(route) === STREAM || PUBLIC.has(key(route))) continue
      for (const [who, headers] of Object.entries(callers)) {
        const res = await call(route, headers)
        if (res.statusCode !== 401) wrong.push(`${who}: ${key(route)} -> ${res.statusCode}`)
      }
    }
    expect(wrong).toEqual([])
    expect(await fingerprint(world.runtime.db)).toEqual(before)
  })

  it('lets anonymous reach only the public routes, which hold nothing private', async () => {
    expect((await world.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
    const login = await world.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: INJECT_ADMIN.email, password: 'wrong password' },
    })
    expect(login.statusCode).toBe(401)
    const link = await world.app.inject({
      method: 'GET',
      url: `/api/public/forms/${randomBytes(16).toString('hex')}`,
    })
    expect(link.statusCode).toBe(404)
    // The stream refuses anonymous before it starts streaming.
    expect((await world.app.inject({ method: 'GET', url: '/api/events/stream' })).statusCode).toBe(401)
  })

  it('gives a member of another app nothing of this app and lets it change nothing', async () => {
    const before = await fingerprint(world.runtime.db)
    const leaks: string[] = []
    for (const route of routes) {
      if (key(route) === STREAM || PUBLIC.has(key(route))) continue
      const touchesApp =
        route.path.includes('{app}') || route.path.includes('{id}') || route.path.startsWith('/api/users')
      if (!touchesApp) continue
      const res = await call(route, outsider.write)
      // Listing a form of an app one is not in answers an empty page (not 403, unlike GET /api/apps/:app):
      // it tells that the form exists, but no record; anything in it would be a leak.
      const emptyList =
        key(route) === 'GET /api/apps/{app}/forms/{form}/records' &&
        res.statusCode === 200 &&
        (res.json() as { total: number }).total === 0
      if (res.statusCode < 400 && !emptyList)
        leaks.push(`${key(route)} -> ${res.statusCode} ${res.body.slice(0, 120)}`)
    }
    expect(leaks).toEqual([])
    expect(await fingerprint(world.runtime.db)).toEqual(before)
    // The app list and the inbox show nothing of `proof` either.
    const apps = await world.app.inject({ method: 'GET', url: '/api/apps', headers: outsider.read })
    expect(apps.body).not.toContain('"proof"')
    const inbox = await world.app.inject({ method: 'GET', url: '/api/inbox', headers: outsider.read })
    expect(inbox.body).not.toContain(recordId)
  })

  it('refuses an app member on every admin route', async () => {
    const before = await fingerprint(world.runtime.db)
    const wrong: string[] = []
    for (const route of routes) {
      if (!ADMIN_ONLY.has(key(route))) continue
      const res = await call(route, agent.write)
      if (res.statusCode !== 403) wrong.push(`${key(route)} -> ${res.statusCode}`)
    }
    expect(wrong).toEqual([])
    expect(await fingerprint(world.runtime.db)).toEqual(before)
  })

  it('refuses a cookie write without its CSRF token', async () => {
    const res = await world.app.inject({
      method: 'PATCH',
      url: `/api/records/${recordId}`,
      headers: agent.read,
      payload: { data: { title: 'csrf' }, version: 1 },
    })
    expect(res.statusCode).toBe(403)
  })
})

describe('proof: security headers', () => {
  const expectHeaders = (headers: Record<string, unknown>, where: string) => {
    const csp = String(headers['content-security-policy'] ?? '')
    expect(csp, where).toContain("default-src 'self'")
    expect(csp, where).toContain("script-src 'self'")
    expect(csp, where).toContain("object-src 'none'")
    expect(csp, where).toContain("frame-ancestors 'none'")
    expect(csp, where).not.toContain("'unsafe-eval'")
    expect(headers['x-content-type-options'], where).toBe('nosniff')
    expect(headers['x-frame-options'], where).toBeDefined()
    expect(headers['referrer-policy'], where).toBeDefined()
    expect(headers['cross-origin-opener-policy'], where).toBeDefined()
    expect(headers['x-powered-by'], where).toBeUndefined()
  }

  it('sends CSP, nosniff, frame options and a referrer policy on the API, errors and the UI', async () => {
    const api = await world.app.inject({ method: 'GET', url: '/api/health' })
    expectHeaders(api.headers, 'GET /api/health')
    const denied = await world.app.inject({ method: 'GET', url: '/api/me' })
    expect(denied.statusCode).toBe(401)
    expectHeaders(denied.headers, 'GET /api/me (401)')
    const ui = await world.app.inject({ method: 'GET', url: '/' })
    expect(ui.statusCode).toBe(200)
    expect(String(ui.headers['content-type'])).toContain('text/html')
    expectHeaders(ui.headers, 'GET / (UI)')
    const deep = await world.app.inject({ method: 'GET', url: '/apps/proof/records' })
    expect(deep.statusCode).toBe(200)
    expectHeaders(deep.headers, 'GET /apps/proof/records (SPA fallback)')
  })
})

describe('proof: secrets stay secret', () => {
  it('never writes a password, token, CSRF token or session id to the logs, events or audit', async () => {
    // A failed login with a password-like value, and one with the password in the wrong field.
    await world.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'agent@inject.test', password: 'wrong-but-secret-1' },
    })
    await world.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'x', password: 'p', extra: 'wrong-but-secret-2' },
    })
    secrets.push('wrong-but-secret-1', 'wrong-but-secret-2')
    const logs = world.logs.join('\n')
    expect(logs.length).toBeGreaterThan(1000)
    const stored = await sql<{ text: string }>`
      select coalesce(string_agg(t::text, '\n'), '') as text from (
        select e::text as t from event e union all select a::text from audit a union all select r::text from record r
      ) s`.execute(world.runtime.db)
    const text = stored.rows[0]?.text ?? ''
    const found: string[] = []
    for (const secret of secrets) {
      if (!secret) continue
      if (logs.includes(secret)) found.push(`log holds ${secret.slice(0, 4)}…`)
      if (text.includes(secret)) found.push(`events/audit hold ${secret.slice(0, 4)}…`)
    }
    expect(found).toEqual([])
    // Stored credentials are hashes: no clear token, no clear password.
    const tokens = await sql<{ token_hash: string }>`select token_hash from api_token`.execute(
      world.runtime.db,
    )
    for (const t of tokens.rows) for (const s of secrets) expect(t.token_hash).not.toBe(s)
  })
})
