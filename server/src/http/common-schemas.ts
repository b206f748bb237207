/**
 * JSON Schemas shared by the routes, registered once with `$id` so the OpenAPI document names them
 * as components. Record data is an open object: the engine validates it against its form.
 */

export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  description: 'application/problem+json (RFC 9457) with a stable code',
  required: ['type', 'title', 'status', 'code', 'detail', 'requestId'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string' },
    detail: { type: 'string' },
    requestId: { type: 'string' },
    currentVersion: { type: 'integer' },
    retryAfter: { type: 'integer' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'code', 'message'],
        properties: { path: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const

export const localizedProblemSchema = {
  $id: 'Finding',
  type: 'object',
  required: ['path', 'code', 'message'],
  properties: {
    path: { type: 'string' },
    code: { type: 'string' },
    message: {
      type: 'object',
      required: ['en', 'zh-CN'],
      properties: { en: { type: 'string' }, 'zh-CN': { type: 'string' } },
    },
  },
} as const

export const verifyResultSchema = {
  $id: 'VerifyResult',
  type: 'object',
  required: ['ok', 'errors'],
  properties: { ok: { type: 'boolean' }, errors: { type: 'array', items: { $ref: 'Finding#' } } },
} as const

export const userSchema = {
  $id: 'User',
  type: 'object',
  required: ['id', 'email', 'name', 'isAdmin', 'active'],
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    isAdmin: { type: 'boolean' },
    active: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const

const nullableString = { type: ['string', 'null'] } as const

export const recordSchema = {
  $id: 'Record',
  type: 'object',
  required: ['id', 'app', 'form', 'formVersion', 'state', 'version', 'data', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    app: { type: 'string' },
    form: { type: 'string' },
    formVersion: { type: 'integer' },
    state: nullableString,
    version: { type: 'integer' },
    data: { type: 'object', additionalProperties: true },
    owner: nullableString,
    assignee: nullableString,
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    needsMigration: { type: 'boolean' },
    duplicateOf: nullableString,
    dueAt: nullableString,
    importOutcome: { type: 'string' },
  },
} as const

const fieldAccess = { type: 'string', enum: ['hidden', 'read', 'edit', 'required'] } as const

export const recordDetailSchema = {
  $id: 'RecordDetail',
  type: 'object',
  required: [...recordSchema.required, 'transitions', 'access'],
  properties: {
    ...recordSchema.properties,
    transitions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'requires', 'guardOk'],
        properties: {
          key: { type: 'string' },
          label: {},
          requires: { type: 'array', items: { type: 'string' } },
          guardOk: { type: 'boolean' },
        },
      },
    },
    access: { type: 'object', additionalProperties: fieldAccess },
    approval: {
      type: 'object',
      properties: {
        mode: { type: 'string' },
        pending: { type: 'array', items: { type: 'string' } },
        decisions: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              userId: { type: 'string' },
              decision: { type: 'string', enum: ['approve', 'reject'] },
              comment: { type: 'string' },
              at: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const

export const eventSchema = {
  $id: 'Event',
  type: 'object',
  required: ['id', 'recordId', 'seq', 'type', 'actor', 'at', 'diff'],
  properties: {
    id: { type: 'string' },
    recordId: { type: 'string' },
    seq: { type: 'integer' },
    type: { type: 'string' },
    actor: nullableString,
    /** the actor's name, so a history reads "Ana" even for people who are not members of the app */
    actorName: nullableString,
    at: { type: 'string' },
    transition: nullableString,
    from: nullableString,
    to: nullableString,
    diff: { type: 'object', additionalProperties: { type: 'array' } },
    meta: { type: 'object', additionalProperties: true },
  },
} as const

/** An app definition: the schemas package's meta-schema validates it in the verifier, not here. */
export const definitionSchema = {
  $id: 'AppDefinition',
  type: 'object',
  description:
    'An app definition (DESIGN.md "The definition format"); verified by POST /api/apps/{app}/verify',
  additionalProperties: true,
} as const

export const departmentSchema = {
  $id: 'Department',
  type: 'object',
  required: ['key', 'name', 'parent', 'head', 'members'],
  properties: {
    key: { type: 'string' },
    name: { type: 'string' },
    parent: { type: ['string', 'null'] },
    head: { type: ['string', 'null'], description: 'a user id' },
    members: { type: 'array', items: { type: 'string' }, description: 'user ids, in the order they joined' },
  },
} as const

export const openWorkItemSchema = {
  $id: 'OpenWorkItem',
  type: 'object',
  required: ['recordId', 'app', 'form', 'state', 'version', 'assignee', 'approval', 'updatedAt'],
  properties: {
    recordId: { type: 'string' },
    app: { type: 'string' },
    form: { type: 'string' },
    state: { type: 'string' },
    version: { type: 'integer' },
    assignee: { type: ['string', 'null'] },
    approval: { type: 'boolean', description: 'the person is a pending approver' },
    updatedAt: { type: 'string' },
    title: {
      type: 'string',
      description: 'what names the record, from the fields the caller may see in its state',
    },
  },
} as const

export const sharedSchemas = [
  problemSchema,
  localizedProblemSchema,
  verifyResultSchema,
  userSchema,
  recordSchema,
  recordDetailSchema,
  eventSchema,
  definitionSchema,
  departmentSchema,
  openWorkItemSchema,
]

/** Error responses every route may give; listed so the OpenAPI document tells clients. */
export const errorResponses = {
  '4xx': { $ref: 'Problem#' },
  '5xx': { $ref: 'Problem#' },
} as const

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
} as const

const keyPattern = '^[A-Za-z][A-Za-z0-9_-]{0,62}$'
export const appParams = {
  type: 'object',
  required: ['app'],
  properties: { app: { type: 'string', pattern: keyPattern } },
} as const
export const formParams = {
  type: 'object',
  required: ['app', 'form'],
  properties: { app: { type: 'string', pattern: keyPattern }, form: { type: 'string', pattern: keyPattern } },
} as const
