import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { once } from 'node:events'
import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import type { FileInfo } from '../server-store.js'
import { decideType } from '../files/sniff-type.js'
import { fail, toTesseraError } from '../http-errors.js'
import { errorResponses, idParams } from '../http/common-schemas.js'

const fileSchema = {
  type: 'object',
  required: ['id', 'name', 'size', 'type', 'status'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    size: { type: 'integer' },
    type: { type: 'string' },
    sha256: { type: ['string', 'null'] },
    status: { type: 'string', enum: ['pending', 'completed', 'failed'] },
    app: { type: ['string', 'null'] },
  },
} as const

/** Strips what a file name must not carry into a header or a path. */
const safeName = (name: string) =>
  [...name]
    .map((c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' || c === '"' || c === '\\' || c === '/' ? '_' : c))
    .join('')
    .slice(0, 255) || 'file'

/**
 * Uploads: streamed to disk with size, sha256 and a type proven by content; `pending` until the
 * last byte is written, so a record cannot reference a half-uploaded file (C8).
 */
export const fileRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { store, options } = context

  app.post(
    '/files',
    {
      schema: {
        tags: ['files'],
        summary: 'Upload one file (multipart/form-data, field `file`; optional field `app`) -> {id}',
        consumes: ['multipart/form-data'],
        response: { 201: fileSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw fail(
          'UNSUPPORTED_MEDIA_TYPE',
          'Send the file as multipart/form-data',
          '请以 multipart/form-data 上传文件',
        )
      const part = await request.file({ limits: { fileSize: options.fileLimit, files: 1 } })
      if (!part) throw fail('BAD_REQUEST', 'No file in the upload', '上传中没有文件')
      const appField = part.fields.app
      const appKey =
        appField &&
        !Array.isArray(appField) &&
        appField.type === 'field' &&
        typeof appField.value === 'string'
          ? appField.value
          : null
      await mkdir(options.filesDir, { recursive: true })
      const storageKey = randomUUID()
      const path = join(options.filesDir, storageKey)
      const name = safeName(part.filename)
      const out = createWriteStream(path, { flags: 'wx' })
      const hash = createHash('sha256')
      let size = 0
      let record: FileInfo | undefined
      let type = part.mimetype
      // The row is created on the first bytes, typed by them, and stays `pending` until the last.
      const open = (head: Uint8Array) => {
        const decided = decideType(part.mimetype, name, head)
        if ('mismatch' in decided)
          throw fail(
            'UNSUPPORTED_MEDIA_TYPE',
            `The content is not the image it claims to be (${decided.mismatch})`,
            `文件内容不是声明的图片（${decided.mismatch}）`,
          )
        type = decided.type
        return store.files.create({ owner: request.actor.userId, app: appKey, name, type, storageKey })
      }
      try {
        for await (const chunk of part.file as AsyncIterable<Buffer>) {
          record ??= await open(chunk.subarray(0, 16))
          size += chunk.length
          hash.update(chunk)
          if (!out.write(chunk)) await once(out, 'drain')
        }
        await new Promise<void>((resolve, reject) =>
          out.end((err?: Error | null) => (err ? reject(err) : resolve())),
        )
        if (part.file.truncated)
          throw fail(
            'PAYLOAD_TOO_LARGE',
            `The file is larger than ${options.fileLimit} bytes`,
            `文件超过 ${options.fileLimit} 字节`,
          )
        record ??= await open(new Uint8Array())
        const done = await store.files.complete(record.id, size, hash.digest('hex'))
        return reply.code(201).send({ ...done, type })
      } catch (err) {
        out.destroy()
        if (record) await store.files.fail(record.id).catch(() => {})
        await rm(path, { force: true })
        throw toTesseraError(err)
      }
    },
  )

  app.get<{ Params: { id: string } }>(
    '/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: 'Download a completed file (always as an attachment)',
        params: idParams,
        response: { 200: { type: 'string', format: 'binary' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await store.files.get(request.params.id)
      const actor = request.actor
      const member =
        file?.app && !actor.isAdmin && file.owner !== actor.userId
          ? (await store.memberships.ofUser(actor.userId!)).some((m) => m.app === file.app)
          : false
      if (file?.status !== 'completed' || !(actor.isAdmin || file.owner === actor.userId || member))
        throw fail('NOT_FOUND', 'No such file', '没有该文件')
      return reply
        .header('content-type', 'application/octet-stream')
        .header(
          'content-disposition',
          `attachment; filename="${file.name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('content-length', String(file.size))
        .send(createReadStream(join(options.filesDir, file.storageKey)))
    },
  )
}
