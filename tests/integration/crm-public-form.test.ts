import { testDatabases } from '@tessera/runtime'
import { crmTemplate } from '@tessera/templates'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, json, openServer, publishDesk, type ServerHarness, type Session } from './server-harness.js'

for (const target of testDatabases()) {
  describe(`the CRM's public lead form on ${target.kind}`, () => {
    let h: ServerHarness
    let admin: Session
    let token: string

    beforeAll(async () => {
      h = await openServer(target)
      admin = await h.login(ADMIN.email, ADMIN.password)
      await publishDesk(h, admin, { ...crmTemplate, key: 'desk' } as unknown as Record<string, unknown>)
      const link = await h.app.inject({
        method: 'POST',
        url: '/api/apps/desk/forms/lead/public-link',
        headers: admin.write,
      })
      expect(link.statusCode).toBe(201)
      token = json<{ token: string }>(link).token
    })
    afterAll(async () => {
      await h?.close()
      await target.dispose()
    })

    it('shows only the fields a visitor may fill: no members, records or computed values', async () => {
      const res = await h.app.inject({ method: 'GET', url: `/api/public/forms/${token}` })
      expect(res.statusCode).toBe(200)
      const form = json<{ form: { fields: { key: string; type: string; readOnly?: boolean }[] } }>(res).form
      const keys = form.fields.map((f) => f.key)
      expect(keys).toEqual(expect.arrayContaining(['name', 'email', 'company']))
      // what the first state lets no one fill in is not on the link either (a new lead's return reasons)
      for (const hidden of ['return_reason', 'return_note', 'disqualify_reason'])
        expect(keys).not.toContain(hidden)
      for (const f of form.fields) {
        expect(['user', 'relation', 'formula', 'serial', 'file', 'image']).not.toContain(f.type)
        expect(f.readOnly).not.toBe(true)
      }
    })

    it('offers exactly the fields the template declares public, in the layout too', async () => {
      const declared = crmTemplate.forms.find((f) => f.key === 'lead')!.publicFields!
      const res = await h.app.inject({ method: 'GET', url: `/api/public/forms/${token}` })
      const form = json<{
        form: { fields: { key: string }[]; layout: { fields: string[] }[]; publicFields?: unknown }
      }>(res).form
      expect(form.fields.map((f) => f.key).sort()).toEqual([...declared].sort())
      expect(form.layout.flatMap((s) => s.fields).sort()).toEqual([...declared].sort())
      expect(form.publicFields).toBeUndefined()
      // the validator module a visitor's browser loads names no internal field either
      const validator = await h.app.inject({ method: 'GET', url: `/api/public/forms/${token}/validator.js` })
      expect(validator.statusCode).toBe(200)
      for (const internal of ['quality', 'qualify_note', 'activity_index', 'profile_index', 'region'])
        expect(validator.body).not.toContain(`"${internal}"`)
    })

    it('refuses internal fields in an anonymous submission, each by name, and stores nothing', async () => {
      const before = json<{ total: number }>(
        await h.app.inject({ method: 'GET', url: '/api/apps/desk/forms/lead/records', headers: admin.read }),
      ).total
      const internal = {
        quality: 'High in Relevance',
        profile: 'Potential Lead',
        activity_index: '01.High',
        profile_index: '01.High',
        visits: 50,
        origin: 'Lead Add Form',
        region: 'East',
        qualify_note: 'self-graded',
        note: 'internal note',
      }
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/public/forms/${token}`,
        payload: { data: { name: 'Grade me A', email: 'a-grade@example.com', ...internal } },
      })
      expect(res.statusCode, res.body).toBe(422)
      const errors = json<{ errors: { path: string; code: string }[] }>(res).errors
      expect(errors.map((e) => e.path).sort()).toEqual(
        Object.keys(internal)
          .map((k) => `/${k}`)
          .sort(),
      )
      expect(new Set(errors.map((e) => e.code))).toEqual(new Set(['unknown_field']))
      const after = json<{ total: number }>(
        await h.app.inject({ method: 'GET', url: '/api/apps/desk/forms/lead/records', headers: admin.read }),
      ).total
      expect(after).toBe(before)
      // the declared fields alone are accepted
      const ok = await h.app.inject({
        method: 'POST',
        url: `/api/public/forms/${token}`,
        payload: {
          data: { name: 'Grade me A', email: 'a-grade@example.com', occupation: 'Student', consent: true },
        },
      })
      expect(ok.statusCode, ok.body).toBe(201)
    })

    it('refuses an empty lead, on the public link and signed in, with the rule’s message on the name', async () => {
      const rule = {
        path: '/name',
        code: 'rule',
        message: 'Enter at least a name, an e-mail, a phone number or a lead number.',
      }
      const before = await h.app.inject({
        method: 'GET',
        url: '/api/apps/desk/forms/lead/records',
        headers: admin.read,
      })
      const visitor = await h.app.inject({
        method: 'POST',
        url: `/api/public/forms/${token}`,
        payload: { data: { company: 'Acme', source: 'Web Form' } },
      })
      expect(visitor.statusCode, visitor.body).toBe(422)
      expect(json<{ errors: unknown[] }>(visitor).errors).toEqual([rule])
      const member = await h.app.inject({
        method: 'POST',
        url: '/api/apps/desk/forms/lead/records',
        headers: { ...admin.write, 'accept-language': 'zh-CN' },
        payload: { data: { name: '   ', email: '' } },
      })
      expect(member.statusCode, member.body).toBe(422)
      expect(json<{ errors: unknown[] }>(member).errors).toEqual([
        { ...rule, message: '请至少填写姓名、电子邮箱、电话或线索编号之一。' },
      ])
      const after = await h.app.inject({
        method: 'GET',
        url: '/api/apps/desk/forms/lead/records',
        headers: admin.read,
      })
      expect(json<{ total: number }>(after).total).toBe(json<{ total: number }>(before).total)
      // one way to reach the person is enough
      const phone = await h.app.inject({
        method: 'POST',
        url: `/api/public/forms/${token}`,
        payload: { data: { phone: '+86 138 0013 8000' } },
      })
      expect(phone.statusCode, phone.body).toBe(201)
    })

    it('turns an anonymous submission into a new lead in the initial state', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/public/forms/${token}`,
        payload: {
          data: { name: 'Web Visitor', email: 'visitor@example.com', company: 'Acme', source: 'Web Form' },
        },
      })
      expect(res.statusCode, res.body).toBe(201)
      const id = json<{ id: string }>(res).id
      const record = json<{ state: string; data: Record<string, unknown> }>(
        await h.app.inject({ method: 'GET', url: `/api/records/${id}`, headers: admin.read }),
      )
      expect(record.state).toBe(crmTemplate.workflows?.find((w) => w.form === 'lead')?.initial)
      expect(record.data).toMatchObject({
        name: 'Web Visitor',
        email: 'visitor@example.com',
        source: 'Web Form',
      })
    })

    it('refuses a field the public form does not show, by name, and stores nothing', async () => {
      const before = json<{ total: number }>(
        await h.app.inject({ method: 'GET', url: '/api/apps/desk/forms/lead/records', headers: admin.read }),
      ).total
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/public/forms/${token}`,
        payload: { data: { name: 'Sneaky', email: 'sneaky@example.com', score: 100 } },
      })
      expect(res.statusCode).toBe(422)
      expect(json<{ errors: { path: string; code: string }[] }>(res).errors).toEqual([
        expect.objectContaining({ path: '/score', code: 'unknown_field' }),
      ])
      const after = json<{ total: number }>(
        await h.app.inject({ method: 'GET', url: '/api/apps/desk/forms/lead/records', headers: admin.read }),
      ).total
      expect(after).toBe(before)
    })
  })
}
