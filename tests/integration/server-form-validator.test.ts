import { loadBrowserCheck, testDatabases } from '@tessera/runtime'
import type { FieldDefinition } from '@tessera/schemas'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ADMIN,
  type ServerHarness,
  type Session,
  deskApp,
  json,
  openServer,
  publishDesk,
} from './server-harness.js'

type Problem = { path: string; code: string; message: string }

for (const target of testDatabases()) {
  describe(`form validator modules on ${target.kind}`, () => {
    let h: ServerHarness
    let admin: Session
    let agent: Session
    let version: number

    beforeAll(async () => {
      h = await openServer(target)
      admin = await h.login(ADMIN.email, ADMIN.password)
      version = (await publishDesk(h, admin)).version
      agent = await h.member('agent@validator.test', ['agent'])
    })
    afterAll(async () => {
      await h?.close()
      await target.dispose()
    })

    const fields = (deskApp as { forms: { fields: FieldDefinition[] }[] }).forms[0]!.fields

    it('serves a member the module as JavaScript, cached for good only for the version asked', async () => {
      const current = await h.app.inject({
        method: 'GET',
        url: `/api/apps/desk/forms/ticket/validator.js?v=${version}`,
        headers: agent.read,
      })
      expect(current.statusCode).toBe(200)
      expect(current.headers['content-type']).toBe('text/javascript; charset=utf-8')
      expect(current.headers['cache-control']).toBe('private, max-age=31536000, immutable')
      expect(current.headers['x-form-version']).toBe(String(version))
      expect(current.headers['content-security-policy']).toContain("script-src 'self'")
      expect(current.body).toContain('export default function formValidator(require)')
      expect(current.body).not.toMatch(/\beval\(|new Function/)
      const stale = await h.app.inject({
        method: 'GET',
        url: `/api/apps/desk/forms/ticket/validator.js?v=${version + 1}`,
        headers: agent.read,
      })
      expect(stale.headers['cache-control']).toBe('private, no-cache')
      const bad = await h.app.inject({
        method: 'GET',
        url: '/api/apps/desk/forms/ticket/validator.js?v=x',
        headers: agent.read,
      })
      expect(bad.statusCode).toBe(400)
    })

    it('answers 404 for an unknown form and 401 without a session', async () => {
      const none = await h.app.inject({
        method: 'GET',
        url: '/api/apps/desk/forms/nope/validator.js',
        headers: agent.read,
      })
      expect(none.statusCode).toBe(404)
      const anonymous = await h.app.inject({ method: 'GET', url: '/api/apps/desk/forms/ticket/validator.js' })
      expect(anonymous.statusCode).toBe(401)
    })

    it('finds exactly the problems the server answers a submit with, worded alike', async () => {
      const res = await h.app.inject({
        method: 'GET',
        url: '/api/apps/desk/forms/ticket/validator.js',
        headers: { ...agent.read, 'accept-language': 'zh-CN' },
      })
      const check = await loadBrowserCheck(res.body, fields)
      const inputs: Record<string, unknown>[] = [
        { title: 'Printer on fire', priority: 'high', amount: '12.50' },
        { priority: 'nope' },
        { title: 'x', email: 'not-an-email', score: 1.5, amount: '1.234' },
        { title: 'a\u0000b', ghost: 1 },
      ]
      for (const data of inputs) {
        for (const lang of ['en', 'zh-CN'] as const) {
          const submit = await h.app.inject({
            method: 'POST',
            url: '/api/apps/desk/forms/ticket/records',
            headers: { ...agent.write, 'accept-language': lang },
            payload: { data },
          })
          const server =
            submit.statusCode === 201
              ? []
              : json<{ errors: Problem[] }>(submit).errors.map((e) => `${e.path} ${e.code} ${e.message}`)
          const browser = check(data).map((p) => `${p.path} ${p.code} ${p.message[lang]}`)
          expect({ data, lang, browser: browser.sort() }).toEqual({ data, lang, browser: server.sort() })
        }
      }
    })

    it('serves a public link its module without sign-in, naming only the fields the link shows', async () => {
      const link = await h.app.inject({
        method: 'POST',
        url: '/api/apps/desk/forms/ticket/public-link',
        headers: admin.write,
      })
      const { token } = json<{ token: string }>(link)
      const res = await h.app.inject({
        method: 'GET',
        url: `/api/public/forms/${token}/validator.js?v=${version}`,
      })
      expect(res.statusCode).toBe(200)
      expect(res.headers['cache-control']).toBe('private, max-age=31536000, immutable')
      expect(res.body).toContain('"title"')
      expect(res.body).not.toContain('attachment')
      const missing = await h.app.inject({
        method: 'GET',
        url: `/api/public/forms/${'x'.repeat(30)}/validator.js`,
      })
      expect(missing.statusCode).toBe(404)
    })
  })
}
