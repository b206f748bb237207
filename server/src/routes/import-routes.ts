import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { type ImportJob, createImportJobStore } from '@tessera/runtime'
import { type ImportProfile, importJobSchema } from '@tessera/schemas'
import { templates } from '@tessera/templates'
import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { fail, toTesseraError } from '../http-errors.js'
import { errorResponses, formParams } from '../http/common-schemas.js'
import { pickLocale } from '../http/locale.js'
import { type ImportIssue, parseDelimiter, runImport, writeErrorReport } from '../import/index.js'
import { requireBulkPermission } from '../imports/import-permissions.js'
import { HEARTBEAT_MS, IMPORT_RUNNER } from '../imports/orphaned-imports.js'

const jobParams = {
  type: 'object',
  required: ['app', 'form', 'job'],
  properties: { ...formParams.properties, job: { type: 'string', minLength: 1, maxLength: 100 } },
} as const

const jobView = (job: ImportJob) => ({
  ...job,
  errorCount: job.errors.length,
  errors: job.errors.slice(0, 100),
})

/** Profiles shipped with the templates, by key, for the app they import into. */
const shippedProfile = (app: string, key: string): ImportProfile | undefined =>
  templates.flatMap((t) => t.profiles).find((p) => p.key === key && p.app === app)

const textField = (fields: Record<string, unknown>, name: string): string | undefined => {
  const f = fields[name]
  if (!f || Array.isArray(f) || typeof f !== 'object') return undefined
  const value = (f as { type?: string; value?: unknown }).value
  return (f as { type?: string }).type === 'field' && typeof value === 'string' ? value : undefined
}

/**
 * CSV/XLSX imports: the upload is streamed to a temporary file (never held in memory), a job row
 * tracks progress and row problems, and the import runs after the 202 so the page can poll.
 */
export const importRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { engine, store, definitions, options, changes } = context
  const jobs = createImportJobStore(store.runtime.db)
  const running = new Set<Promise<void>>()
  app.addHook('onClose', async () => {
    await Promise.allSettled([...running])
  })

  app.post<{ Params: { app: string; form: string } }>(
    '/apps/:app/forms/:form/imports',
    {
      schema: {
        tags: ['imports'],
        summary:
          'Upload a CSV or XLSX (multipart: `file`, optional `profile`, `mapping` JSON, `dryRun`, `skipDuplicates`, `encoding`, `delimiter`: comma, semicolon, tab or pipe, sniffed when absent) -> job',
        consumes: ['multipart/form-data'],
        params: formParams,
        response: { 202: importJobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { app: appKey, form: formKey } = request.params
      const published = await definitions.latest(appKey)
      const form = published?.definition.forms.find((f) => f.key === formKey)
      if (!published || !form)
        throw fail(
          'NOT_FOUND',
          `No published form ${appKey}/${formKey}`,
          `没有已发布的表单 ${appKey}/${formKey}`,
        )
      await requireBulkPermission(store, appKey, form, request.actor, 'import')
      if (!request.isMultipart())
        throw fail(
          'UNSUPPORTED_MEDIA_TYPE',
          'Upload the file as multipart/form-data',
          '请以 multipart/form-data 上传文件',
        )
      const part = await request.file({ limits: { fileSize: options.importLimit, files: 1 } })
      if (!part) throw fail('BAD_REQUEST', 'No file in the upload', '上传中没有文件')

      const dir = join(tmpdir(), 'tessera-imports')
      await mkdir(dir, { recursive: true })
      const path = join(dir, `${randomUUID()}-${part.filename.replace(/[^\w.-]/g, '_').slice(-80)}`)
      try {
        await pipeline(part.file, createWriteStream(path))
        if (part.file.truncated)
          throw fail(
            'PAYLOAD_TOO_LARGE',
            `The file is larger than ${options.importLimit} bytes`,
            `文件超过 ${options.importLimit} 字节`,
          )
      } catch (err) {
        await rm(path, { force: true })
        throw toTesseraError(err)
      }

      // Fields may come before or after the file part; those after it are read now.
      const fields = part.fields as Record<string, unknown>
      const profileKey = textField(fields, 'profile')
      const mappingText = textField(fields, 'mapping')
      const encoding = textField(fields, 'encoding')
      const delimiter = textField(fields, 'delimiter') || undefined
      const dryRun = textField(fields, 'dryRun') === 'true'
      const skipDuplicates = textField(fields, 'skipDuplicates') === 'true'
      const profile = profileKey ? shippedProfile(appKey, profileKey) : undefined
      let mapping: Record<string, string> | undefined
      try {
        if (profileKey && !profile)
          throw fail(
            'BAD_REQUEST',
            `No import profile ${profileKey} for ${appKey}`,
            `应用 ${appKey} 没有导入方案 ${profileKey}`,
          )
        if (delimiter) parseDelimiter(delimiter)
        if (mappingText) {
          const parsed: unknown = JSON.parse(mappingText)
          if (
            !parsed ||
            typeof parsed !== 'object' ||
            Array.isArray(parsed) ||
            !Object.values(parsed).every((v) => typeof v === 'string')
          )
            throw fail(
              'BAD_REQUEST',
              'mapping must be a JSON object of column to field key',
              'mapping 必须是"列 → 字段"的 JSON 对象',
            )
          mapping = parsed as Record<string, string>
        }
      } catch (err) {
        await rm(path, { force: true })
        throw err instanceof SyntaxError
          ? fail('BAD_REQUEST', 'mapping is not valid JSON', 'mapping 不是有效的 JSON')
          : err
      }

      const job = await jobs.create({
        app: appKey,
        form: formKey,
        createdBy: request.actor.userId,
        fileName: part.filename,
        options: {
          profile: profileKey ?? null,
          dryRun,
          skipDuplicates,
          encoding: encoding ?? null,
          delimiter: delimiter ?? null,
        },
      })
      await store.audit({
        actor: request.actor.userId,
        action: 'import.start',
        target: job.id,
        details: { app: appKey, form: formKey, file: part.filename, dryRun },
      })

      const actor = { ...request.actor, via: 'import' }
      const log = request.log
      const work = (async () => {
        let lastWrite = 0
        await jobs.start(job.id, IMPORT_RUNNER)
        // the job row shows this process alive; a silent job is taken for orphaned (orphaned-imports.ts)
        const beat = setInterval(
          () => void jobs.heartbeat(job.id, IMPORT_RUNNER).catch(() => {}),
          HEARTBEAT_MS,
        )
        beat.unref()
        try {
          const summary = await runImport({
            engine,
            store: store.runtime,
            app: published.definition,
            form: formKey,
            source: { path, ...(encoding ? { encoding } : {}), ...(delimiter ? { delimiter } : {}) },
            ...(profile ? { profile } : {}),
            ...(mapping ? { mapping } : {}),
            dryRun,
            skipDuplicates,
            actor,
            onProgress: (p) => {
              // Progress lands in the job row at most twice a second: polling pages see it move.
              if (Date.now() - lastWrite < 500) return
              lastWrite = Date.now()
              void jobs
                .update(job.id, {
                  processed: p.read,
                  created: p.imported,
                  updated: p.updated,
                  failed: p.failed,
                  skipped: p.skipped,
                })
                .catch(() => {})
            },
          })
          await jobs.update(job.id, {
            status: 'done',
            total: summary.read,
            processed: summary.read,
            created: summary.imported,
            updated: summary.updated,
            failed: summary.failed,
            skipped: summary.skipped,
            encoding: summary.encoding,
            delimiter: summary.delimiter,
            unmappedColumns: summary.unmappedColumns,
            errors: summary.errors,
            finishedAt: new Date(),
          })
          await store.audit({
            actor: actor.userId,
            action: 'import.done',
            target: job.id,
            details: { read: summary.read, imported: summary.imported, failed: summary.failed },
          })
          changes.publish({ kind: 'list', app: appKey, form: formKey })
        } catch (err) {
          const error = toTesseraError(err)
          log.warn({ err, job: job.id }, 'import failed')
          const issue: ImportIssue = {
            row: 0,
            column: '',
            value: '',
            code: error.code,
            reason: error.localized.en,
            message: error.localized,
            severity: 'error',
          }
          await jobs
            .update(job.id, { status: 'failed', errors: [issue], finishedAt: new Date() })
            .catch(() => {})
        } finally {
          clearInterval(beat)
          await rm(path, { force: true })
        }
      })()
      running.add(work)
      void work.finally(() => running.delete(work))
      return reply.code(202).send(jobView(job))
    },
  )

  const findJob = async (request: {
    params: { app: string; form: string; job: string }
    actor: { userId: string | null; isAdmin: boolean }
  }) => {
    const job = await jobs.get(request.params.job)
    if (
      !job ||
      job.app !== request.params.app ||
      job.form !== request.params.form ||
      (!request.actor.isAdmin && job.createdBy !== request.actor.userId)
    )
      throw fail('NOT_FOUND', 'No such import job', '没有该导入任务')
    return job
  }

  app.get<{ Params: { app: string; form: string; job: string } }>(
    '/apps/:app/forms/:form/imports/:job',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import job progress and its first row problems',
        params: jobParams,
        response: { 200: importJobSchema, ...errorResponses },
      },
    },
    async (request) => jobView(await findJob(request)),
  )

  app.get<{ Params: { app: string; form: string; job: string } }>(
    '/apps/:app/forms/:form/imports/:job/errors.csv',
    {
      schema: {
        tags: ['imports'],
        summary: 'The per-row error report as CSV: row, column, value, reason',
        params: jobParams,
        response: { 200: { type: 'string', description: 'text/csv' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const job = await findJob(request)
      const out = new PassThrough()
      void writeErrorReport(
        job.errors as ImportIssue[],
        out,
        pickLocale(request.headers['accept-language']),
      ).then(
        () => out.end(),
        (err) => out.destroy(err),
      )
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${job.id}-errors.csv"`)
        .send(out)
    },
  )
}
