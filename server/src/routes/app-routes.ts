import { compileForm } from '@tessera/runtime'
import type { AppDefinition } from '@tessera/schemas'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { AppContext } from '../app-context.js'
import { memberDefinition } from '../apps/member-definition.js'
import { fail } from '../http-errors.js'
import { appParams, errorResponses, formParams } from '../http/common-schemas.js'
import { sendValidatorModule } from '../http/validator-module-reply.js'

const publishedSchema = {
  type: 'object',
  required: ['key', 'version', 'definition'],
  properties: {
    key: { type: 'string' },
    version: { type: 'integer' },
    definition: { $ref: 'AppDefinition#' },
  },
} as const

const summarySchema = {
  type: 'object',
  required: ['key', 'name', 'publishedVersion', 'hasDraft', 'updatedAt'],
  properties: {
    key: { type: 'string' },
    name: {},
    publishedVersion: { type: ['integer', 'null'] },
    hasDraft: { type: 'boolean' },
    updatedAt: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
  },
} as const

/** What this caller may read of a definition: everything for a platform admin, no credentials otherwise. */
const definitionFor = (request: FastifyRequest, definition: AppDefinition): AppDefinition =>
  request.actor.isAdmin ? definition : memberDefinition(definition)

/** Apps as their users see them: the published definitions of the apps I belong to. */
export const appRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { store } = context

  /** A platform admin sees every app; a user only the apps they are a member of. */
  const requireMember = async (request: FastifyRequest, appKey: string) => {
    if (request.actor.isAdmin) return
    const memberships = await store.memberships.ofUser(request.actor.userId!)
    if (!memberships.some((m) => m.app === appKey))
      throw fail('NOT_FOUND', `No app ${appKey}`, `没有应用 ${appKey}`)
  }

  app.get(
    '/apps',
    {
      schema: {
        tags: ['apps'],
        summary: 'The apps I may use (all of them for the admin)',
        response: { 200: { type: 'array', items: summarySchema }, ...errorResponses },
      },
    },
    async (request) => {
      const [apps, memberships] = await Promise.all([
        store.apps.list(),
        store.memberships.ofUser(request.actor.userId!),
      ])
      const roles = new Map(memberships.map((m) => [m.app, m.roles]))
      return apps
        .filter((a) => request.actor.isAdmin || (roles.has(a.key) && a.publishedVersion !== null))
        .map((a) => ({ ...a, roles: roles.get(a.key) ?? [] }))
    },
  )

  app.get<{ Params: { app: string } }>(
    '/apps/:app',
    {
      schema: {
        tags: ['apps'],
        summary: 'The published definition and its version',
        params: appParams,
        response: { 200: publishedSchema, ...errorResponses },
      },
    },
    async (request) => {
      await requireMember(request, request.params.app)
      const published = await store.apps.published(request.params.app)
      if (!published)
        throw fail(
          'NOT_FOUND',
          `App ${request.params.app} has no published version`,
          `应用 ${request.params.app} 尚未发布`,
        )
      return {
        key: request.params.app,
        ...published,
        definition: definitionFor(request, published.definition),
      }
    },
  )

  app.get<{ Params: { app: string } }>(
    '/apps/:app/versions',
    {
      schema: {
        tags: ['apps'],
        summary: 'Published versions, newest first',
        params: appParams,
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              required: ['version', 'publishedAt'],
              properties: {
                version: { type: 'integer' },
                publishedBy: { type: ['string', 'null'] },
                /** the publisher's name, for the version history (the id alone means nothing to a reader) */
                publishedByName: { type: ['string', 'null'] },
                publishedAt: { type: 'string' },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      await requireMember(request, request.params.app)
      const versions = (await store.apps.versions(request.params.app)).sort((a, b) => b.version - a.version)
      const names = new Map<string, string | null>()
      for (const id of new Set(versions.map((v) => v.publishedBy).filter((by): by is string => !!by)))
        names.set(id, (await store.users.byId(id))?.name ?? null)
      return versions.map((v) => ({
        ...v,
        publishedByName: v.publishedBy ? (names.get(v.publishedBy) ?? null) : null,
      }))
    },
  )

  app.get<{ Params: { app: string; version: number } }>(
    '/apps/:app/versions/:version',
    {
      schema: {
        tags: ['apps'],
        summary: 'One published version, as it was published (to read it or restore it as a draft)',
        params: {
          type: 'object',
          required: ['app', 'version'],
          properties: { ...appParams.properties, version: { type: 'integer', minimum: 1 } },
        },
        response: { 200: publishedSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { app: key, version } = request.params
      await requireMember(request, key)
      const published = await store.apps.published(key, version)
      if (!published || published.version !== version)
        throw fail('NOT_FOUND', `App ${key} has no version ${version}`, `应用 ${key} 没有版本 ${version}`)
      return { key, ...published, definition: definitionFor(request, published.definition) }
    },
  )

  /** The latest published version of a form, compiled (compileForm caches per version). */
  const compiledForm = async (request: FastifyRequest, appKey: string, formKey: string) => {
    await requireMember(request, appKey)
    const published = await context.definitions.latest(appKey)
    const form = published?.definition.forms.find((f) => f.key === formKey)
    if (!published || !form)
      throw fail(
        'NOT_FOUND',
        `No published form ${appKey}/${formKey}`,
        `没有已发布的表单 ${appKey}/${formKey}`,
      )
    return {
      version: published.version,
      compiled: compileForm(form, { key: `${appKey}/${formKey}@${published.version}` }),
    }
  }

  app.get<{ Params: { app: string; form: string } }>(
    '/apps/:app/forms/:form/schema',
    {
      schema: {
        tags: ['apps'],
        summary: "The form's compiled JSON Schema (2020-12), so the browser validates as the server does",
        params: formParams,
        response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { version, compiled } = await compiledForm(request, request.params.app, request.params.form)
      return reply.header('x-form-version', String(version)).send(compiled.jsonSchema)
    },
  )

  app.get<{ Params: { app: string; form: string }; Querystring: { v?: number } }>(
    '/apps/:app/forms/:form/validator.js',
    {
      schema: {
        tags: ['apps'],
        summary: "The form's validator as a JavaScript module (ajv standalone code) for the browser",
        description:
          'Runs under the strict CSP (no eval). `?v=` the published version the page has: that answer is cached for good.',
        params: formParams,
        querystring: {
          type: 'object',
          properties: { v: { type: 'integer', minimum: 1 } },
          additionalProperties: false,
        },
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const { version, compiled } = await compiledForm(request, request.params.app, request.params.form)
      return sendValidatorModule(reply, compiled.validatorModule(), version, request.query.v)
    },
  )
}
