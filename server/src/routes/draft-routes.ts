import { createDepartmentStore } from '@tessera/runtime'
import type { AppDefinition, MigrationMap, VerifyResult } from '@tessera/schemas'
import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { fail } from '../http-errors.js'
import { appParams, errorResponses } from '../http/common-schemas.js'
import { optionalBody } from '../http/optional-body.js'

/**
 * The verifier's findings, with the platform's departments known (a rule naming another is
 * `unknown_department`), plus the one rule only the URL knows: the key must be the app's.
 */
async function verifyFor(context: AppContext, appKey: string, definition: unknown): Promise<VerifyResult> {
  const { departments } = await createDepartmentStore(context.store.runtime.db).chart()
  const result = context.verify(definition, { departments: departments.map((d) => d.key) })
  const key = definition && typeof definition === 'object' ? (definition as { key?: unknown }).key : undefined
  if (key === undefined || key === appKey) return result
  const mismatch = {
    path: '/key',
    code: 'key_mismatch',
    message: {
      en: `the key must be ${appKey}, the app being saved`,
      'zh-CN': `key 必须是正在保存的应用 ${appKey}`,
    },
  }
  return { ok: false, errors: [...result.errors, mismatch] }
}

const draftSavedSchema = {
  type: 'object',
  required: ['saved', 'verify'],
  properties: { saved: { type: 'boolean' }, verify: { $ref: 'VerifyResult#' } },
} as const

/**
 * The admin's definition work: drafts store any JSON object (autosave never loses half-finished
 * work) and answer with the verifier's findings; only a definition that verifies is published.
 */
export const draftRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { store, engine, definitions } = context

  app.put<{ Params: { app: string }; Body: Record<string, unknown> }>(
    '/apps/:app/draft',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['definitions'],
        summary: 'Save the draft definition (creates the app on first save); answers the findings',
        params: appParams,
        body: { $ref: 'AppDefinition#' },
        response: { 200: draftSavedSchema, ...errorResponses },
      },
    },
    async (request) => {
      await store.apps.saveDraft(request.params.app, request.body, request.actor.userId)
      return { saved: true, verify: await verifyFor(context, request.params.app, request.body) }
    },
  )

  app.get<{ Params: { app: string } }>(
    '/apps/:app/draft',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['definitions'],
        summary: 'The draft definition',
        params: appParams,
        response: { 200: { $ref: 'AppDefinition#' }, ...errorResponses },
      },
    },
    async (request) => {
      const draft = await store.apps.draft(request.params.app)
      if (!draft)
        throw fail(
          'NOT_FOUND',
          `App ${request.params.app} has no draft`,
          `应用 ${request.params.app} 没有草稿`,
        )
      return draft
    },
  )

  app.post<{ Params: { app: string }; Body: Record<string, unknown> | undefined }>(
    '/apps/:app/verify',
    {
      config: { access: 'admin' },
      preValidation: optionalBody,
      schema: {
        tags: ['definitions'],
        summary: 'Verify a definition (the body, or the stored draft when the body is empty)',
        params: appParams,
        body: { $ref: 'AppDefinition#' },
        response: { 200: { $ref: 'VerifyResult#' }, ...errorResponses },
      },
    },
    async (request) => {
      const sent = request.body && Object.keys(request.body).length > 0 ? request.body : undefined
      const definition = sent ?? (await store.apps.draft(request.params.app))
      if (!definition)
        throw fail(
          'NOT_FOUND',
          `App ${request.params.app} has no draft`,
          `应用 ${request.params.app} 没有草稿`,
        )
      return await verifyFor(context, request.params.app, definition)
    },
  )

  app.post<{ Params: { app: string }; Body: { migration?: MigrationMap } | undefined }>(
    '/apps/:app/publish',
    {
      config: { access: 'admin' },
      preValidation: optionalBody,
      schema: {
        tags: ['definitions'],
        summary: 'Publish the draft as a new immutable version, or 422 with the findings',
        params: appParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            migration: {
              type: 'object',
              additionalProperties: false,
              properties: {
                states: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
              },
            },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['version', 'migrated', 'needsMigration'],
            properties: {
              version: { type: 'integer' },
              migrated: { type: 'integer' },
              needsMigration: { type: 'integer' },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const appKey = request.params.app
      const draft = await store.apps.draft(appKey)
      if (!draft) throw fail('NOT_FOUND', `App ${appKey} has no draft`, `应用 ${appKey} 没有草稿`)
      const verify = await verifyFor(context, appKey, draft)
      if (!verify.ok)
        throw fail(
          'DEFINITION_INVALID',
          `The definition has ${verify.errors.length} problem(s)`,
          `定义有 ${verify.errors.length} 个问题`,
          {
            problems: verify.errors,
          },
        )
      const result = await engine.publish(
        appKey,
        { ...(draft as unknown as AppDefinition), key: appKey },
        request.actor,
        request.body?.migration,
      )
      definitions.forget(appKey)
      await store.audit({
        actor: request.actor.userId,
        action: 'app.publish',
        target: appKey,
        details: { version: result.version },
      })
      context.changes.publish({ kind: 'list', app: appKey, form: '*' })
      return { version: result.version, migrated: result.migrated, needsMigration: result.needsMigration }
    },
  )
}
