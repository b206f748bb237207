import { createHash } from 'node:crypto'
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

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')

for (const target of testDatabases()) {
  describe(`files and uploads on ${target.kind}`, () => {
    let h: ServerHarness
    let agent: Session
    let other: Session

    beforeAll(async () => {
      h = await openServer(target, { fileLimit: 64 * 1024 })
      const admin = await h.login(ADMIN.email, ADMIN.password)
      await publishDesk(h, admin)
      agent = await h.member('agent@files.test', ['agent'])
      other = await h.member('other@files.test', ['agent'])
    })
    afterAll(async () => {
      await h?.close()
      await target.dispose()
    })

    const upload = (as: Session, file: { name: string; type: string; content: Buffer | string }) => {
      const body = multipart({ app: 'desk' }, file)
      return h.app.inject({
        method: 'POST',
        url: '/api/files',
        headers: { ...as.write, ...body.headers },
        payload: body.payload,
      })
    }
    const submit = (as: Session, attachment: string[]) =>
      h.app.inject({
        method: 'POST',
        url: '/api/apps/desk/forms/ticket/records',
        headers: as.write,
        payload: { data: { title: 'With file', attachment } },
      })

    it('C8: a completed upload of mine is accepted, with size and sha256 of the bytes', async () => {
      const content = Buffer.from('signed NDA, page 1\n'.repeat(100))
      const res = await upload(agent, { name: 'nda.txt', type: 'text/plain', content })
      expect(res.statusCode).toBe(201)
      const file = json<{ id: string; size: number; sha256: string; status: string }>(res)
      expect(file.status).toBe('completed')
      expect(file.size).toBe(content.length)
      expect(file.sha256).toBe(createHash('sha256').update(content).digest('hex'))
      const rec = await submit(agent, [file.id])
      expect(rec.statusCode).toBe(201)
      const down = await h.app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: agent.read })
      expect(down.statusCode).toBe(200)
      expect(down.headers['content-disposition']).toMatch(/^attachment;/)
      expect(down.headers['x-content-type-options']).toBe('nosniff')
      expect(down.rawPayload.equals(content)).toBe(true)
    })

    it('C8: an upload still in progress, a failed one, or another user’s file is refused with 422 and no record', async () => {
      const before = json<{ total: number }>(
        await h.app.inject({
          method: 'GET',
          url: '/api/apps/desk/forms/ticket/records',
          headers: agent.read,
        }),
      ).total
      const pending = await h.store.files.create({
        owner: agent.userId,
        app: 'desk',
        name: 'big.pdf',
        type: 'application/pdf',
        storageKey: 'in-flight',
      })
      const inFlight = await submit(agent, [pending.id])
      expect(inFlight.statusCode).toBe(422)
      expect(json<{ errors: { path: string; code: string }[] }>(inFlight).errors[0]).toMatchObject({
        path: '/attachment',
        code: 'upload_pending',
      })

      const broken = await h.store.files.create({
        owner: agent.userId,
        app: 'desk',
        name: 'b.pdf',
        type: 'application/pdf',
        storageKey: 'failed',
      })
      await h.store.files.fail(broken.id)
      const failed = await submit(agent, [broken.id])
      expect(failed.statusCode).toBe(422)
      expect(json<{ errors: { code: string }[] }>(failed).errors[0]?.code).toBe('upload_failed')

      const theirs = json<{ id: string }>(
        await upload(other, { name: 'theirs.txt', type: 'text/plain', content: 'not yours' }),
      )
      const foreign = await submit(agent, [theirs.id])
      expect(foreign.statusCode).toBe(422)
      const after = json<{ total: number }>(
        await h.app.inject({
          method: 'GET',
          url: '/api/apps/desk/forms/ticket/records',
          headers: agent.read,
        }),
      ).total
      expect(after).toBe(before)
      const peek = await h.app.inject({ method: 'GET', url: `/api/files/${pending.id}`, headers: agent.read })
      expect(peek.statusCode).toBe(404)
    })

    it('types images by their bytes: a real PNG passes, HTML named .png is 415', async () => {
      const png = await upload(agent, { name: 'pixel.png', type: 'image/png', content: PNG })
      expect(png.statusCode).toBe(201)
      expect(json<{ type: string }>(png).type).toBe('image/png')
      const fake = await upload(agent, {
        name: 'evil.png',
        type: 'image/png',
        content: '<html><script>alert(1)</script></html>',
      })
      expect(fake.statusCode).toBe(415)
      const disguised = await upload(agent, { name: 'photo.txt', type: 'text/plain', content: PNG })
      expect(json<{ type: string }>(disguised).type).toBe('image/png')
    })

    it('refuses an oversized upload with 413 and keeps nothing completed', async () => {
      const res = await upload(agent, {
        name: 'huge.bin',
        type: 'application/octet-stream',
        content: Buffer.alloc(200 * 1024, 1),
      })
      expect(res.statusCode).toBe(413)
      expect(json<{ code: string }>(res).code).toBe('PAYLOAD_TOO_LARGE')
    })

    it('refuses a non-multipart upload with 415', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/files',
        headers: { ...agent.write, 'content-type': 'application/octet-stream' },
        payload: Buffer.from('x'),
      })
      expect(res.statusCode).toBe(415)
    })
  })
}
