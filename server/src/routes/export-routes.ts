import { PassThrough } from 'node:stream'
import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { writeExport } from '../export/index.js'
import { fail } from '../http-errors.js'
import { errorResponses, formParams } from '../http/common-schemas.js'
import { pickLocale } from '../http/locale.js'
import { requireBulkPermission } from '../imports/import-permissions.js'
import { type ListQuerystring, listQuerystringSchema, toListQuery } from '../records/list-params.js'

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const

/**
 * GET export?format=csv|xlsx with the list's own filter, sort and search: streamed page by page,
 * rows and fields exactly as the list shows this user, formula-like cells neutralised.
 */
export const exportRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { engine, store, definitions } = context

  app.get<{
    Params: { app: string; form: string }
    Querystring: ListQuerystring & { format?: 'csv' | 'xlsx'; columns?: string }
  }>(
    '/apps/:app/forms/:form/export',
    {
      schema: {
        tags: ['exports'],
        summary: 'Export the list as CSV or XLSX, with its filters',
        params: formParams,
        querystring: {
          ...listQuerystringSchema,
          properties: {
            ...listQuerystringSchema.properties,
            format: { type: 'string', enum: ['csv', 'xlsx'] },
            columns: { type: 'string', maxLength: 4000, description: 'field keys, comma separated' },
          },
        },
        response: { 200: { type: 'string', format: 'binary' }, ...errorResponses },
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
      await requireBulkPermission(store, appKey, form, request.actor, 'export')
      const { format = 'csv', columns, ...list } = request.query
      const query = toListQuery(list)
      const wanted = columns
        ?.split(',')
        .map((c) => c.trim())
        .filter(Boolean)
      const unknown = wanted?.filter((c) => !form.fields.some((f) => f.key === c)) ?? []
      if (unknown.length)
        throw fail('BAD_REQUEST', `Unknown columns: ${unknown.join(', ')}`, `未知列：${unknown.join(', ')}`, {
          problems: unknown.map((c) => ({
            path: '/querystring/columns',
            code: 'unknown_field',
            message: { en: `no field ${c}`, 'zh-CN': `没有字段 ${c}` },
          })),
        })
      // A first page before the headers go out: a bad filter is still a clean 400/422, not a cut stream.
      await engine.list(appKey, formKey, { ...query, limit: 1 }, request.actor)
      await store.audit({
        actor: request.actor.userId,
        action: 'export',
        target: `${appKey}/${formKey}`,
        details: { format, filter: query.filter ?? null },
      })

      const out = new PassThrough()
      const log = request.log
      void writeExport({
        engine,
        store: store.runtime,
        app: published.definition,
        form: formKey,
        query,
        actor: request.actor,
        format,
        out,
        ...(wanted?.length ? { columns: wanted } : {}),
        locale: pickLocale(request.headers['accept-language']),
      }).then(
        () => {
          if (!out.writableEnded) out.end()
        },
        (err) => {
          log.error({ err, requestId: request.id }, 'export failed mid-stream')
          out.destroy(err)
        },
      )
      const stamp = new Date().toISOString().slice(0, 10)
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="${appKey}-${formKey}-${stamp}.${format}"`)
        .header('x-content-type-options', 'nosniff')
        .send(out)
    },
  )
}
