import { testDatabases } from '@tessera/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ADMIN,
  type ServerHarness,
  type Session,
  json,
  multipart,
  openServer,
  publishDesk,
} from './server-harness.js'

interface Job {
  id: string
  status: string
  processed: number
  created: number
  failed: number
  errorCount: number
}

for (const target of testDatabases()) {
  describe(`public forms, imports and exports on ${target.kind}`, () => {
    let h: ServerHarness
    let admin: Session
    let agent: Session

    beforeAll(async () => {
      h = await openServer(target, { publicFormLimit: { max: 3, windowMs: 60_000 } })
      admin = await h.login(ADMIN.email, ADMIN.password)
      await publishDesk(h, admin)
      agent = await h.member('agent@import.test', ['agent'])
    })
    afterAll(async () => {
      await h?.close()
      await target.dispose()
    })

    const count = async () =>
      json<{ total: number }>(
        await h.app.inject({
          method: 'GET',
          url: '/api/apps/desk/forms/ticket/records',
          headers: admin.read,
        }),
      ).total

    it('serves a public form without sign-in; the honeypot drops bots; submissions are rate limited', async () => {
      const denied = await h.app.inject({
        method: 'POST',
        url: '/api/apps/desk/forms/ticket/public-link',
        headers: agent.write,
      })
      expect(denied.statusCode).toBe(403)
      const link = await h.app.inject({
        method: 'POST',
        url: '/api/apps/desk/forms/ticket/public-link',
        headers: admin.write,
      })
      expect(link.statusCode).toBe(201)
      const { token } = json<{ token: string }>(link)

      const form = await h.app.inject({ method: 'GET', url: `/api/public/forms/${token}` })
      expect(form.statusCode).toBe(200)
      expect(json<{ form: { key: string } }>(form).form.key).toBe('ticket')
      expect(form.body).not.toContain('ticket_flow')

      const before = await count()
      const sent = await h.app.inject({
        method: 'POST',
        url: `/api/public/forms/${token}`,
        payload: { data: { title: 'From the web' } },
      })
      expect(sent.statusCode).toBe(201)
      expect(json<{ id?: string }>(sent).id).toBeTruthy()
      const bot = await h.app.inject({
        method: 'POST',
        url: `/api/public/forms/${token}`,
        payload: { data: { title: 'spam' }, _hp: 'http://spam' },
      })
      expect(bot.statusCode).toBe(201)
      expect(json<{ id?: string }>(bot).id).toBeUndefined()
      expect(await count()).toBe(before + 1)

      const invalid = await h.app.inject({
        method: 'POST',
        url: `/api/public/forms/${token}`,
        payload: { data: {} },
      })
      expect(invalid.statusCode).toBe(422)
      const limited = await h.app.inject({
        method: 'POST',
        url: `/api/public/forms/${token}`,
        payload: { data: { title: 'one too many' } },
      })
      expect(limited.statusCode).toBe(429)
      expect(json<{ code: string }>(limited).code).toBe('RATE_LIMITED')

      const unknown = await h.app.inject({ method: 'GET', url: `/api/public/forms/${'x'.repeat(43)}` })
      expect(unknown.statusCode).toBe(404)
    })

    const importCsv = async (as: Session, content: Buffer, fields: Record<string, string> = {}) => {
      const body = multipart(fields, { name: 'tickets.csv', type: 'text/csv', content })
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/apps/desk/forms/ticket/imports',
        headers: { ...as.write, ...body.headers },
        payload: body.payload,
      })
      return res
    }
    const waitFor = async (id: string): Promise<Job> => {
      for (let i = 0; i < 200; i++) {
        const job = json<Job>(
          await h.app.inject({
            method: 'GET',
            url: `/api/apps/desk/forms/ticket/imports/${id}`,
            headers: admin.read,
          }),
        )
        if (job.status === 'done' || job.status === 'failed') return job
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error('import did not finish')
    }

    it('C6: a UTF-8 BOM on the first header does not hide the column; per-row errors come as CSV', async () => {
      const csv = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(
          'Email,Title,Priority\r\nana@example.com,First,low\r\nbo@example.com,"Second, with comma",high\r\ncy@example.com,"Third\r\nline two",low\r\n',
        ),
      ])
      const started = await importCsv(admin, csv)
      expect(started.statusCode).toBe(202)
      const job = await waitFor(json<Job>(started).id)
      expect(job).toMatchObject({ status: 'done', created: 3, failed: 0 })
      const filter = encodeURIComponent(JSON.stringify({ email: { eq: 'ana@example.com' } }))
      const found = await h.app.inject({
        method: 'GET',
        url: `/api/apps/desk/forms/ticket/records?filter=${filter}`,
        headers: admin.read,
      })
      expect(json<{ total: number }>(found).total).toBe(1)

      const withErrors = await importCsv(
        admin,
        Buffer.from('Title,Priority\nGood,low\n,high\nBad priority,urgent\n'),
      )
      const failed = await waitFor(json<Job>(withErrors).id)
      expect(failed.failed).toBe(2)
      const report = await h.app.inject({
        method: 'GET',
        url: `/api/apps/desk/forms/ticket/imports/${failed.id}/errors.csv`,
        headers: admin.read,
      })
      expect(report.statusCode).toBe(200)
      expect(report.headers['content-type']).toContain('text/csv')
      const lines = report.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/)
      expect(lines[0]).toBe('row,column,value,reason,severity,code')
      expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(expect.arrayContaining(['3', '4']))
    })

    it('lets only those with the import permission import', async () => {
      const res = await importCsv(agent, Buffer.from('Title\nx\n'))
      expect(res.statusCode).toBe(403)
    })

    it('exports CSV with formula cells neutralised, filtered like the list', async () => {
      await h.app.inject({
        method: 'POST',
        url: '/api/apps/desk/forms/ticket/records',
        headers: admin.write,
        payload: { data: { title: '=HYPERLINK("http://evil","click")', priority: 'high' } },
      })
      const filter = encodeURIComponent(JSON.stringify({ priority: { eq: 'high' } }))
      const res = await h.app.inject({
        method: 'GET',
        url: `/api/apps/desk/forms/ticket/export?format=csv&filter=${filter}`,
        headers: admin.read,
      })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="desk-ticket-.*\.csv"/)
      expect(res.body).toContain(`"'=HYPERLINK(""http://evil"",""click"")"`)
      expect(res.body).not.toContain('First')
      const bad = await h.app.inject({
        method: 'GET',
        url: '/api/apps/desk/forms/ticket/export?format=pdf',
        headers: admin.read,
      })
      expect(bad.statusCode).toBe(400)
    })
  })
}
