import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { hashPassword, passwordProblem } from '../auth/passwords.js'
import { fail } from '../http-errors.js'
import { errorResponses, idParams } from '../http/common-schemas.js'

interface NewUserBody {
  email: string
  name: string
  password: string
}

const emailRule = { type: 'string', minLength: 3, maxLength: 320, pattern: '^[^\\s@]+@[^\\s@]+$' } as const

/** Platform users, managed by the platform admin. */
export const userRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { store, options } = context

  app.post<{ Body: NewUserBody }>(
    '/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'Create a user (platform admin)',
        body: {
          type: 'object',
          required: ['email', 'name', 'password'],
          additionalProperties: false,
          properties: {
            email: emailRule,
            name: { type: 'string', minLength: 1, maxLength: 200 },
            password: { type: 'string' },
          },
        },
        response: { 201: { $ref: 'User#' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const problem = passwordProblem(request.body.password)
      if (problem)
        throw fail('INVALID', `password ${problem.en}`, `密码${problem['zh-CN']}`, {
          problems: [{ path: '/password', code: 'minLength', message: problem }],
        })
      const passwordHash = await hashPassword(request.body.password, options.passwordCost)
      const user = await store.users.create({
        email: request.body.email,
        name: request.body.name,
        passwordHash,
      })
      await store.audit({
        actor: request.actor.userId,
        action: 'user.create',
        target: user.id,
        details: { email: user.email },
      })
      return reply.code(201).send(user)
    },
  )

  app.get(
    '/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'All users (platform admin)',
        response: { 200: { type: 'array', items: { $ref: 'User#' } }, ...errorResponses },
      },
    },
    async () => store.users.list(),
  )

  app.put<{ Params: { id: string }; Body: { password: string } }>(
    '/users/:id/password',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'Set a user’s password (platform admin); the same rule as creating a user',
        params: idParams,
        body: {
          type: 'object',
          required: ['password'],
          additionalProperties: false,
          properties: { password: { type: 'string' } },
        },
        response: { 200: { $ref: 'User#' }, ...errorResponses },
      },
    },
    async (request) => {
      const problem = passwordProblem(request.body.password)
      if (problem)
        throw fail('INVALID', `password ${problem.en}`, `密码${problem['zh-CN']}`, {
          problems: [{ path: '/password', code: 'minLength', message: problem }],
        })
      const found = await store.users.byId(request.params.id)
      if (!found) throw fail('NOT_FOUND', 'No such user', '没有该用户')
      await store.users.setPassword(found.id, await hashPassword(request.body.password, options.passwordCost))
      context.credentials.clear()
      // the audit names who and whose, never the password
      await store.audit({
        actor: request.actor.userId,
        action: 'user.password',
        target: found.id,
        details: { email: found.email },
      })
      const { passwordHash: _hash, ...user } = found
      return user
    },
  )

  app.patch<{ Params: { id: string }; Body: { active?: boolean; name?: string } }>(
    '/users/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'Deactivate, reactivate or rename a user (platform admin)',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { active: { type: 'boolean' }, name: { type: 'string', minLength: 1, maxLength: 200 } },
        },
        response: { 200: { $ref: 'User#' }, ...errorResponses },
      },
    },
    async (request) => {
      if (request.params.id === request.actor.userId && request.body.active === false)
        throw fail('FORBIDDEN', 'You cannot deactivate yourself', '不能停用自己')
      const user = await store.users.update(request.params.id, request.body)
      if (!user) throw fail('NOT_FOUND', 'No such user', '没有该用户')
      context.credentials.clear()
      await store.audit({
        actor: request.actor.userId,
        action: 'user.update',
        target: user.id,
        details: { ...request.body },
      })
      return user
    },
  )
}
