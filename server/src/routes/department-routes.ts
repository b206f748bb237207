import { createDepartmentStore, type DepartmentPatch } from '@tessera/runtime'
import { KEY_PATTERN } from '@tessera/schemas'
import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { fail } from '../http-errors.js'
import { errorResponses } from '../http/common-schemas.js'

const KEY_PATTERN_SOURCE = KEY_PATTERN.source
const departmentKey = { type: 'string', pattern: KEY_PATTERN_SOURCE, maxLength: 63 } as const
const userId = { type: 'string', minLength: 1, maxLength: 100 } as const
const nullableUser = { type: ['string', 'null'], minLength: 1, maxLength: 100 } as const

const keyParams = {
  type: 'object',
  required: ['key'],
  properties: { key: departmentKey },
} as const

const memberParams = {
  type: 'object',
  required: ['key', 'user'],
  properties: { key: departmentKey, user: userId },
} as const

interface NewDepartmentBody {
  key: string
  name: string
  parent?: string | null
  head?: string | null
}

/**
 * The platform's departments: a tree with heads and members, read by every signed-in user (the
 * builder and the assignee editor show it), changed by the platform admin only, each change audited.
 */
export const departmentRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { store } = context
  const departments = createDepartmentStore(store.runtime.db)
  const audit = (actor: string | null, action: string, target: string, details: Record<string, unknown>) =>
    store.audit({ actor, action, target, details })

  app.get(
    '/departments',
    {
      schema: {
        tags: ['departments'],
        summary: 'The department tree: every department with its parent, head and members',
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: { $ref: 'Department#' } } },
          },
          ...errorResponses,
        },
      },
    },
    async () => ({ items: (await departments.chart()).departments }),
  )

  app.post<{ Body: NewDepartmentBody }>(
    '/departments',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['departments'],
        summary: 'Create a department, at the root or under a parent (platform admin)',
        body: {
          type: 'object',
          required: ['key', 'name'],
          additionalProperties: false,
          properties: {
            key: departmentKey,
            name: { type: 'string', minLength: 1, maxLength: 200 },
            parent: { type: ['string', 'null'], pattern: KEY_PATTERN_SOURCE },
            head: nullableUser,
          },
        },
        response: { 201: { $ref: 'Department#' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await departments.create(request.body)
      await audit(request.actor.userId, 'department.create', created.key, { ...request.body })
      return reply.code(201).send(created)
    },
  )

  app.patch<{ Params: { key: string }; Body: DepartmentPatch }>(
    '/departments/:key',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['departments'],
        summary:
          'Rename, move under another parent (null: to the root) or set the head (null: none); a move that makes a cycle is 409 (platform admin)',
        params: keyParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            parent: { type: ['string', 'null'], pattern: KEY_PATTERN_SOURCE },
            head: nullableUser,
          },
        },
        response: { 200: { $ref: 'Department#' }, ...errorResponses },
      },
    },
    async (request) => {
      const updated = await departments.update(request.params.key, request.body)
      await audit(request.actor.userId, 'department.update', updated.key, { ...request.body })
      return updated
    },
  )

  app.delete<{ Params: { key: string } }>(
    '/departments/:key',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['departments'],
        summary: 'Delete an empty department; one with sub-departments or members is 409 (platform admin)',
        params: keyParams,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      await departments.remove(request.params.key)
      await audit(request.actor.userId, 'department.delete', request.params.key, {})
      return reply.code(204).send()
    },
  )

  app.put<{ Params: { key: string; user: string } }>(
    '/departments/:key/members/:user',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['departments'],
        summary: 'Add a user to a department (idempotent; platform admin)',
        params: memberParams,
        response: { 200: { $ref: 'Department#' }, ...errorResponses },
      },
    },
    async (request) => {
      const { key, user } = request.params
      if (!(await departments.get(key))) throw fail('NOT_FOUND', `No department ${key}`, `没有部门 ${key}`)
      const updated = await departments.addMember(key, user)
      await audit(request.actor.userId, 'department.member.add', key, { user })
      return updated
    },
  )

  app.delete<{ Params: { key: string; user: string } }>(
    '/departments/:key/members/:user',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['departments'],
        summary: 'Remove a user from a department (platform admin)',
        params: memberParams,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { key, user } = request.params
      if (!(await departments.removeMember(key, user)))
        throw fail('NOT_FOUND', `${user} is not in ${key}`, `${user} 不在部门 ${key} 中`)
      await audit(request.actor.userId, 'department.member.remove', key, { user })
      return reply.code(204).send()
    },
  )
}
