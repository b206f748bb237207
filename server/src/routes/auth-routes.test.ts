import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAuditStore } from '@tessera/runtime'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../app.js'
import type { ServerStore } from '../server-store.js'
import { createServerStore } from '../store/create-server-store.js'
import { ADMIN, type TestApp, fastPasswords, login, openTestApp, targets } from '../test-support/test-app.js'
import { stubEngine } from '../test-support/stub-engine.js'

for (const target of targets()) {
  describe(`auth on ${target.kind}`, () => {
    let t: TestApp
    beforeAll(async () => {
      t = await openTestApp(target, stubEngine, {
        loginLimit: { perAccount: 3, perAddress: 100, windowMs: 60_000 },
      })
    })
    afterAll(async () => {
      await t.close()
      await target.dispose()
    })

    it('signs in with an httpOnly SameSite=Lax cookie and answers the CSRF token', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: ADMIN })
      expect(res.statusCode).toBe(200)
      const cookie = res.cookies.find((c) => c.name === 'tessera_session')
      expect(cookie?.httpOnly).toBe(true)
      expect(cookie?.sameSite).toBe('Lax')
      expect(res.json().user.email).toBe(ADMIN.email)
      expect(res.json().user).not.toHaveProperty('passwordHash')
      expect(typeof res.json().csrfToken).toBe('string')
      expect(res.headers['x-request-id']).toBeTruthy()
    })

    it('answers a body that is not JSON with 415, naming the media type problem', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'text/plain' },
        payload: JSON.stringify(ADMIN),
      })
      expect(res.statusCode).toBe(415)
      expect(res.headers['content-type']).toContain('application/problem+json')
      expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE')
    })

    it('answers a wrong password and an unknown account alike', async () => {
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: ADMIN.email, password: 'nope nope nope' },
      })
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'ghost@example.com', password: 'nope nope nope' },
      })
      expect(wrong.statusCode).toBe(401)
      expect(unknown.statusCode).toBe(401)
      const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined })
      expect(strip(wrong.json())).toEqual(strip(unknown.json()))
      expect(wrong.headers['content-type']).toContain('application/problem+json')
    })

    it('rate limits sign-in per account', async () => {
      const email = 'victim@example.com'
      const codes: number[] = []
      for (let i = 0; i < 5; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email, password: 'guess guess guess' },
        })
        codes.push(res.statusCode)
      }
      expect(codes).toEqual([401, 401, 401, 429, 429])
      const last = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: 'guess' },
      })
      expect(last.json().code).toBe('RATE_LIMITED')
      expect(Number(last.headers['retry-after'])).toBeGreaterThan(0)
    })

    it('refuses a cookie-authenticated write without x-csrf-token', async () => {
      const session = await login(t.app)
      const without = await t.app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        headers: { cookie: session.cookie },
        payload: { name: 'x' },
      })
      expect(without.statusCode).toBe(403)
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        headers: { cookie: session.cookie, 'x-csrf-token': 'forged' },
        payload: { name: 'x' },
      })
      expect(wrong.statusCode).toBe(403)
      const ok = await t.app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        headers: session.headers,
        payload: { name: 'x' },
      })
      expect(ok.statusCode).toBe(201)
    })

    it('creates an API token shown once, authenticates with it, and revokes it', async () => {
      const session = await login(t.app)
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        headers: session.headers,
        payload: { name: 'script' },
      })
      const { token, id } = created.json() as { token: string; id: string }
      expect(token).toMatch(/^tsr_/)
      const listed = await t.app.inject({
        method: 'GET',
        url: '/api/auth/tokens',
        headers: { cookie: session.cookie },
      })
      expect(JSON.stringify(listed.json())).not.toContain(token)
      const me = await t.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { authorization: `Bearer ${token}` },
      })
      expect(me.statusCode).toBe(200)
      expect(me.json().user.email).toBe(ADMIN.email)
      // a bearer write needs no CSRF token: a browser never sends it by itself
      const write = await t.app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        headers: { authorization: `Bearer ${token}` },
        payload: { name: 'second' },
      })
      expect(write.statusCode).toBe(201)
      const revoked = await t.app.inject({
        method: 'DELETE',
        url: `/api/auth/tokens/${id}`,
        headers: session.headers,
      })
      expect(revoked.statusCode).toBe(204)
      const after = await t.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { authorization: `Bearer ${token}` },
      })
      expect(after.statusCode).toBe(401)
    })

    it('ends the session on logout', async () => {
      const session = await login(t.app)
      const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers })
      expect(out.statusCode).toBe(204)
      const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session.cookie } })
      expect(me.statusCode).toBe(401)
      expect(me.json().code).toBe('UNAUTHENTICATED')
    })

    it('answers in the request language', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { 'accept-language': 'zh-CN,zh;q=0.9' },
      })
      expect(res.json().detail).toBe('请先登录')
      const en = await t.app.inject({ method: 'GET', url: '/api/me' })
      expect(en.json().detail).toBe('Sign in first')
    })

    it('lets the admin create, list and deactivate users; members cannot', async () => {
      const admin = await login(t.app)
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: { email: 'Rep.One@Example.com', name: 'Rep One', password: 'rep password 1' },
      })
      expect(created.statusCode).toBe(201)
      const dup = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: { email: 'REP.one@example.com', name: 'Again', password: 'rep password 1' },
      })
      expect(dup.statusCode).toBe(409)
      const weak = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: { email: 'w@x.io', name: 'W', password: 'short' },
      })
      expect(weak.statusCode).toBe(422)
      expect(weak.json().errors[0].path).toBe('/password')
      const rep = await login(t.app, 'rep.one@example.com', 'rep password 1')
      const forbidden = await t.app.inject({
        method: 'GET',
        url: '/api/users',
        headers: { cookie: rep.cookie },
      })
      expect(forbidden.statusCode).toBe(403)
      const off = await t.app.inject({
        method: 'PATCH',
        url: `/api/users/${created.json().id}`,
        headers: admin.headers,
        payload: { active: false },
      })
      expect(off.json().active).toBe(false)
      const gone = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: rep.cookie } })
      expect(gone.statusCode).toBe(401)
    })

    it('lets the admin set a user’s password (audited, same rule as creating one); members cannot', async () => {
      const admin = await login(t.app)
      const rep = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: { email: 'reset.me@example.com', name: 'Reset Me', password: 'first password 1' },
      })
      const put = (password: string, headers = admin.headers, id = rep.json().id as string) =>
        t.app.inject({ method: 'PUT', url: `/api/users/${id}/password`, headers, payload: { password } })
      const blank = await put('          ')
      expect(blank.statusCode).toBe(422)
      expect(blank.json().errors[0]).toMatchObject({ path: '/password', message: 'must not be blank' })
      expect((await put('short')).statusCode).toBe(422)
      expect(
        (await put('second password 2', admin.headers, '00000000-0000-4000-8000-000000000000')).statusCode,
      ).toBe(404)
      const done = await put('second password 2')
      expect(done.statusCode).toBe(200)
      expect(done.json()).toMatchObject({ email: 'reset.me@example.com' })
      expect(done.json()).not.toHaveProperty('passwordHash')
      const member = await login(t.app, 'reset.me@example.com', 'second password 2')
      expect((await put('third password 3', member.headers)).statusCode).toBe(403)
      // a reset ends the sessions the old password opened
      expect((await put('fourth password 4')).statusCode).toBe(200)
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: member.cookie } }))
          .statusCode,
      ).toBe(401)
      const audit = await createAuditStore(t.runtimeStore.db).list(5)
      expect(audit.find((a) => a.action === 'user.password')).toMatchObject({ target: rep.json().id })
      expect(JSON.stringify(audit)).not.toContain('second password 2')
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json()
      expect(doc.paths['/api/users/{id}/password'].put.requestBody).toBeTruthy()
    })

    it('refuses a blank password when the admin creates a user', async () => {
      const admin = await login(t.app)
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: { email: 'blank@example.com', name: 'Blank', password: '          ' },
      })
      expect(res.statusCode).toBe(422)
      expect(res.json().errors[0].path).toBe('/password')
    })

    it('turns schema errors into 400 problems with pointers', async () => {
      const admin = await login(t.app)
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: { email: 'a@b.c', name: 'A', password: 'long enough pw', extra: 1 },
      })
      expect(res.statusCode).toBe(400)
      expect(res.json().errors).toContainEqual(
        expect.objectContaining({ path: '/extra', code: 'additionalProperties' }),
      )
      expect(res.json().requestId).toBe(res.headers['x-request-id'])
    })
  })
}

describe('sign-in limit per address', () => {
  const target = targets()[0]!
  let t: TestApp
  beforeAll(async () => {
    t = await openTestApp(target, stubEngine, {
      loginLimit: { perAccount: 100, perAddress: 3, windowMs: 60_000 },
    })
  })
  afterAll(async () => {
    await t.close()
    await target.dispose()
  })

  it('counts failures only: many people signing in from one office never lock it; guessing still does', async () => {
    const login = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: ADMIN.email, password } })
    const successes = []
    for (let i = 0; i < 6; i++) successes.push((await login(ADMIN.password)).statusCode)
    expect(successes).toEqual([200, 200, 200, 200, 200, 200])
    const guesses = []
    for (let i = 0; i < 4; i++) guesses.push((await login('guess guess guess')).statusCode)
    expect(guesses).toEqual([401, 401, 401, 429])
    // the address spent its budget on failures: even the right password waits now
    expect((await login(ADMIN.password)).statusCode).toBe(429)
  })
})

for (const target of targets()) {
  describe(`sign-in limit across processes on ${target.kind}`, () => {
    const limits = { loginLimit: { perAccount: 3, perAddress: 100, windowMs: 60_000 } }
    let first: TestApp
    let second: FastifyInstance
    let secondStore: ServerStore
    beforeAll(async () => {
      first = await openTestApp(target, stubEngine, limits)
      // A second server on the same database: on PostgreSQL with its own pool, as another process
      // behind the balancer would have; PGlite is one process, so it shares the connection.
      const runtime = target.kind === 'pg' ? await target.open() : first.runtimeStore
      secondStore = await createServerStore(runtime, target.url ? { databaseUrl: target.url } : {})
      second = await buildApp({
        engine: stubEngine(),
        store: secondStore,
        options: { background: false, passwordCost: fastPasswords, ...limits },
      })
    })
    afterAll(async () => {
      await second.close()
      await secondStore.close()
      await first.close()
      await target.dispose()
    })

    it('spends one budget per account whichever process answers', async () => {
      const guess = (app: FastifyInstance) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: ADMIN.email, password: 'guess guess guess' },
        })
      const codes = [
        (await guess(first.app)).statusCode,
        (await guess(second)).statusCode,
        (await guess(first.app)).statusCode,
        (await guess(second)).statusCode,
        (await guess(first.app)).statusCode,
      ]
      expect(codes).toEqual([401, 401, 401, 429, 429])
      // the right password waits too, on either process
      const right = await second.inject({ method: 'POST', url: '/api/auth/login', payload: ADMIN })
      expect(right.statusCode).toBe(429)
      expect(right.json().code).toBe('RATE_LIMITED')
    })

    it('opens a new window once the old one has passed, and forgets passed windows on prune', async () => {
      const attempts = first.store.loginAttempts
      const start = new Date('2026-01-01T00:00:00Z')
      const later = (ms: number) => new Date(start.getTime() + ms)
      expect((await attempts.hit('account:w@example.com', 1000, start)).attempts).toBe(1)
      expect((await attempts.hit('account:w@example.com', 1000, later(500))).attempts).toBe(2)
      const fresh = await attempts.hit('account:w@example.com', 1000, later(1500))
      expect(fresh).toEqual({ attempts: 1, windowStart: later(1500) })
      await attempts.refund('account:w@example.com')
      expect((await attempts.hit('account:w@example.com', 1000, later(1600))).attempts).toBe(1)
      await attempts.prune(1000, later(5000))
      expect((await attempts.hit('account:w@example.com', 1000, later(5000))).windowStart).toEqual(
        later(5000),
      )
    })
  })
}
