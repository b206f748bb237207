import { compileForm } from '@tessera/runtime'
import type { AppDefinition } from '@tessera/schemas'
import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { randomToken } from '../auth/secrets.js'
import { fail } from '../http-errors.js'
import { errorResponses, formParams } from '../http/common-schemas.js'
import { sendValidatorModule } from '../http/validator-module-reply.js'
import { nonPublicKeys, publicFormView } from '../public/public-fields.js'

const workflowOf = (app: AppDefinition, form: string) => app.workflows?.find((w) => w.form === form)

const tokenParams = {
  type: 'object',
  required: ['token'],
  properties: { token: { type: 'string', minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' } },
} as const

/**
 * Public forms: an admin publishes a link to a form marked `public`; anyone with the link may fill
 * it in, without signing in, rate limited per address, with a honeypot field `_hp` that people
 * never see and bots fill (such a submission is answered like a success and dropped).
 */
export const publicFormRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { store, engine, definitions, options } = context

  const publicForm = async (token: string) => {
    const link = await store.publicLinks.find(token)
    const published = link && (await definitions.latest(link.app))
    const form = published?.definition.forms.find((f) => f.key === link?.form)
    if (!link || !published || !form?.public)
      throw fail('NOT_FOUND', 'This form link does not exist', '该表单链接不存在')
    return { link, published, form }
  }

  app.post<{ Params: { app: string; form: string } }>(
    '/apps/:app/forms/:form/public-link',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['public'],
        summary: 'Create a public link to a form marked `public` (platform admin)',
        params: formParams,
        response: {
          201: {
            type: 'object',
            required: ['token', 'url', 'app', 'form'],
            properties: {
              token: { type: 'string' },
              url: { type: 'string' },
              app: { type: 'string' },
              form: { type: 'string' },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { app: appKey, form } = request.params
      const definition = await definitions.form(appKey, form)
      if (!definition)
        throw fail('NOT_FOUND', `No published form ${appKey}/${form}`, `没有已发布的表单 ${appKey}/${form}`)
      if (!definition.public)
        throw fail(
          'FORBIDDEN',
          'Mark the form `public` and publish before sharing it',
          '请先将表单标记为公开并发布',
        )
      const link = await store.publicLinks.create(appKey, form, randomToken(), request.actor.userId)
      await store.audit({
        actor: request.actor.userId,
        action: 'public-link.create',
        target: `${appKey}/${form}`,
      })
      return reply
        .code(201)
        .send({ token: link.token, url: `/public/forms/${link.token}`, app: appKey, form })
    },
  )

  app.get<{ Params: { token: string } }>(
    '/public/forms/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'The definition of a public form (no sign-in)',
        params: tokenParams,
        response: {
          200: {
            type: 'object',
            required: ['app', 'appName', 'version', 'form'],
            properties: {
              app: { type: 'string' },
              appName: {},
              version: { type: 'integer' },
              form: { type: 'object', additionalProperties: true },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { link, published, form } = await publicForm(request.params.token)
      // Only the form's public fields: the app's roles, workflows and other forms stay private.
      const shown = publicFormView(form, workflowOf(published.definition, form.key))
      return { app: link.app, appName: published.definition.name, version: published.version, form: shown }
    },
  )

  app.get<{ Params: { token: string }; Querystring: { v?: number } }>(
    '/public/forms/:token/validator.js',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: "The public form's validator as a JavaScript module (ajv standalone code)",
        params: tokenParams,
        querystring: {
          type: 'object',
          properties: { v: { type: 'integer', minimum: 1 } },
          additionalProperties: false,
        },
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const { link, published, form } = await publicForm(request.params.token)
      // compiled from the public view: the module must not name the fields a link does not show
      const compiled = compileForm(publicFormView(form, workflowOf(published.definition, form.key)), {
        key: `public:${link.app}/${form.key}@${published.version}`,
      })
      return sendValidatorModule(reply, compiled.validatorModule(), published.version, request.query.v)
    },
  )

  app.post<{ Params: { token: string }; Body: { data: Record<string, unknown>; _hp?: string } }>(
    '/public/forms/:token',
    {
      config: {
        access: 'public',
        rateLimit: {
          max: options.publicFormLimit.max,
          timeWindow: options.publicFormLimit.windowMs,
          keyGenerator: (r) => r.ip,
        },
      },
      schema: {
        tags: ['public'],
        summary: 'Submit a public form (no sign-in; rate limited; `_hp` is a honeypot and must stay empty)',
        params: tokenParams,
        body: {
          type: 'object',
          required: ['data'],
          additionalProperties: false,
          properties: {
            data: { type: 'object', additionalProperties: true },
            _hp: { type: 'string', maxLength: 1000 },
          },
        },
        response: {
          201: {
            type: 'object',
            required: ['ok'],
            properties: { ok: { type: 'boolean' }, id: { type: 'string' } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { link, published, form } = await publicForm(request.params.token)
      if (request.body._hp) {
        request.log.info({ token: link.form }, 'public form honeypot filled; submission dropped')
        return reply.code(201).send({ ok: true })
      }
      const extra = nonPublicKeys(form, request.body.data, workflowOf(published.definition, form.key))
      if (extra.length > 0)
        throw fail('INVALID', 'These fields are not on this public form', '这些字段不在此公开表单上', {
          problems: extra.map((key) => ({
            path: `/${key}`,
            code: 'unknown_field',
            message: { en: `${key} is not on this form`, 'zh-CN': `${key} 不在此表单上` },
          })),
        })
      // The link is the permission: the submission writes the public fields as the system would,
      // whatever the initial state lets members edit, and still passes every rule of the form.
      const record = await engine.submit(link.app, link.form, request.body.data, {
        userId: null,
        isAdmin: false,
        system: true,
        via: 'public',
      })
      return reply.code(201).send({ ok: true, id: record.id })
    },
  )
}
