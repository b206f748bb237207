import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SwaggerParser from '@apidevtools/swagger-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { statusFor } from './http-errors.js'
import { stubEngine } from './test-support/stub-engine.js'
import { type TestApp, login, openTestApp, targets } from './test-support/test-app.js'

const [target] = targets()

describe('the app shell', () => {
  let t: TestApp
  const uiDir = mkdtempSync(join(tmpdir(), 'tessera-ui-'))
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>Tessera</title>')
  writeFileSync(join(uiDir, 'app.js'), 'console.log(1)')

  beforeAll(async () => {
    t = await openTestApp(target!, stubEngine, { uiDir, bodyLimit: 64 * 1024 })
  })
  afterAll(async () => {
    await t.close()
    await target!.dispose()
  })

  it('publishes an OpenAPI 3.1 document that validates', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toBe('3.1.0')
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy()
    for (const path of [
      '/api/auth/login',
      '/api/apps/{app}/forms/{form}/records',
      '/api/records/{id}/transitions/{transition}',
    ])
      expect(doc.paths).toHaveProperty([path])
    expect(doc.components.schemas).toHaveProperty('Problem')
  })

  it('serves the interactive docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests')
    expect(res.headers['content-type']).toContain('text/html')
  })

  it('reports health', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.json()).toEqual({ status: 'ok', database: 'up' })
  })

  it('lets other sites frame a public form page, and no other page', async () => {
    const token = 'a'.repeat(32)
    const page = await t.app.inject({ method: 'GET', url: `/public/forms/${token}` })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-security-policy']).toContain('frame-ancestors *')
    expect(page.headers['content-security-policy']).not.toContain("frame-ancestors 'none'")
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['x-frame-options']).toBeUndefined()
    for (const url of ['/apps/crm', `/public/forms/${token}/extra`, '/public/forms/short', '/login']) {
      const other = await t.app.inject({ method: 'GET', url })
      expect(other.headers['content-security-policy']).toContain("frame-ancestors 'none'")
      expect(other.headers['x-frame-options']).toBe('SAMEORIGIN')
    }
    const api = await t.app.inject({ method: 'GET', url: `/api/public/forms/${token}` })
    expect(api.headers['content-security-policy']).toContain("frame-ancestors 'none'")
  })

  it('serves the UI with SPA fallback and a strict CSP, but 404s unknown API paths as problems', async () => {
    const deep = await t.app.inject({ method: 'GET', url: '/apps/crm/records/123' })
    expect(deep.statusCode).toBe(200)
    expect(deep.body).toContain('<title>Tessera</title>')
    expect(deep.headers['content-security-policy']).toContain("script-src 'self'")
    expect(deep.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(deep.headers['content-security-policy']).not.toContain('upgrade-insecure-requests')
    const asset = await t.app.inject({ method: 'GET', url: '/app.js' })
    expect(asset.body).toBe('console.log(1)')
    const api = await t.app.inject({ method: 'GET', url: '/api/nothing-here' })
    expect(api.statusCode).toBe(401)
    const session = await login(t.app)
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/nothing-here',
      headers: { cookie: session.cookie },
    })
    expect(missing.statusCode).toBe(404)
    expect(missing.headers['content-type']).toContain('application/problem+json')
  })

  it('maps every runtime error code to a status', () => {
    for (const status of Object.values(statusFor)) expect(status).toBeGreaterThanOrEqual(400)
  })

  describe('hostile input', () => {
    it('refuses an oversized body with 413', async () => {
      const session = await login(t.app)
      const res = await t.app.inject({
        method: 'PUT',
        url: '/api/apps/big/draft',
        headers: { ...session.headers, 'content-type': 'application/json' },
        payload: JSON.stringify({ key: 'big', filler: 'x'.repeat(100 * 1024) }),
      })
      expect(res.statusCode).toBe(413)
      expect(res.json().code).toBe('PAYLOAD_TOO_LARGE')
      // it says how large a body may be
      expect(res.json().detail).toMatch(/64 KiB/)
    })

    it('refuses a wrong content type with 415', async () => {
      const session = await login(t.app)
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        headers: { ...session.headers, 'content-type': 'text/xml' },
        payload: '<name>x</name>',
      })
      expect(res.statusCode).toBe(415)
      expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE')
    })

    it('refuses deeply nested JSON with 400 before parsing it', async () => {
      const session = await login(t.app)
      const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`
      const res = await t.app.inject({
        method: 'PUT',
        url: '/api/apps/deep/draft',
        headers: { ...session.headers, 'content-type': 'application/json' },
        payload: `{"key":"deep","x":${deep}}`,
      })
      expect(res.statusCode).toBe(400)
      expect(res.json().detail).toContain('nested')
    })

    it('refuses malformed JSON and prototype keys with 400', async () => {
      const session = await login(t.app)
      for (const payload of ['{"name": ', '{"__proto__": {"isAdmin": true}, "name": "x"}']) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/auth/tokens',
          headers: { ...session.headers, 'content-type': 'application/json' },
          payload,
        })
        expect(res.statusCode).toBe(400)
        expect(res.json().code).toBe('BAD_REQUEST')
      }
    })

    it('refuses a body that is not UTF-8 with 400 instead of storing replacement characters', async () => {
      const session = await login(t.app)
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        headers: { ...session.headers, 'content-type': 'application/json' },
        payload: Buffer.concat([Buffer.from('{"name": "M'), Buffer.from([0xfc]), Buffer.from('ller"}')]),
      })
      expect(res.statusCode).toBe(400)
      expect(res.json().detail).toContain('UTF-8')
    })

    it('never leaks a stack trace or SQL on a 500', async () => {
      const session = await login(t.app)
      // the stub engine throws INTERNAL: the client sees a generic problem with the request id
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/records/00000000-0000-4000-8000-000000000000',
        headers: { cookie: session.cookie },
      })
      expect(res.statusCode).toBe(500)
      expect(res.body).not.toMatch(/at .*\.ts:\d+|select |stub engine/i)
      expect(res.json().requestId).toBe(res.headers['x-request-id'])
    })

    it('keeps a sane caller request id and replaces a hostile one', async () => {
      const ok = await t.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { 'x-request-id': 'trace-123' },
      })
      expect(ok.headers['x-request-id']).toBe('trace-123')
      const bad = await t.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { 'x-request-id': '<script>' },
      })
      expect(bad.headers['x-request-id']).not.toBe('<script>')
    })
  })
})

describe('when the database goes away', () => {
  it('health answers 503 with Retry-After', async () => {
    const [db] = targets()
    const t = await openTestApp(db!, stubEngine)
    try {
      await t.runtimeStore.close()
      const res = await t.app.inject({ method: 'GET', url: '/api/health' })
      expect(res.statusCode).toBe(503)
      expect(res.headers['retry-after']).toBe('5')
      expect(res.json().code).toBe('UNAVAILABLE')
    } finally {
      await t.close()
      await db!.dispose()
    }
  })
})

describe('the API rate limit', () => {
  it('answers 429 with Retry-After past the budget, per address, before authentication', async () => {
    const [db] = targets()
    const t = await openTestApp(db!, stubEngine, { rateLimit: { max: 3, windowMs: 60_000 } })
    try {
      const codes: number[] = []
      for (let i = 0; i < 4; i++)
        codes.push((await t.app.inject({ method: 'GET', url: '/api/me' })).statusCode)
      expect(codes).toEqual([401, 401, 401, 429])
      const limited = await t.app.inject({ method: 'GET', url: '/api/me' })
      expect(limited.json().code).toBe('RATE_LIMITED')
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
      // health stays reachable for load balancers whatever the budget
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
    } finally {
      await t.close()
      await db!.dispose()
    }
  })

  it('takes no global budget at max 0, while sign-in keeps its own limit', async () => {
    const [db] = targets()
    const t = await openTestApp(db!, stubEngine, {
      rateLimit: { max: 0, windowMs: 60_000 },
      loginLimit: { perAccount: 2, perAddress: 100, windowMs: 60_000 },
    })
    try {
      for (let i = 0; i < 20; i++) {
        expect((await t.app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401)
        expect((await t.app.inject({ method: 'GET', url: '/nowhere' })).statusCode).toBe(404)
      }
      const signIn = () =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: 'nobody@example.com', password: 'wrong-password' },
        })
      const codes = [(await signIn()).statusCode, (await signIn()).statusCode, (await signIn()).statusCode]
      expect(codes).toEqual([401, 401, 429])
    } finally {
      await t.close()
      await db!.dispose()
    }
  })
})
