import { KEY_PATTERN } from '../checks/system-fields.js'
import { conditional, JSON_SCHEMA_2020_12, keyList, keyString, ref, schemaId } from './schema-ids.js'

/** Departments live on the platform, so their keys are checked for shape only (what exists is known when a rule runs). */
const departmentKey = { type: 'string', pattern: KEY_PATTERN.source } as const

/** Who gets the record: exactly one of `user`, `field`, `role`, `roundRobin`, `department`,
 * `departmentHead`, `manager`. */
export const assigneeRuleSchema = {
  $schema: JSON_SCHEMA_2020_12,
  $id: schemaId('assignee-rule'),
  title: 'assignee rule',
  type: 'object',
  minProperties: 1,
  maxProperties: 1,
  properties: {
    user: { type: 'string', minLength: 1 },
    field: keyString,
    role: keyString,
    roundRobin: {
      type: 'object',
      required: ['role'],
      properties: {
        role: keyString,
        // only members of this department (and its sub-departments) take turns
        department: departmentKey,
        // member attribute -> a value or an expression over the record, e.g. {"region": {"var": "region"}}
        where: { type: 'object', additionalProperties: ref('condition') },
        // nobody matching `where` can take it: turns among the whole role (in department)
        fallback: { enum: ['role'] },
      },
      additionalProperties: false,
    },
    department: departmentKey,
    departmentHead: { enum: ['submitter', 'assignee'] },
    manager: { enum: ['submitter', 'assignee'] },
  },
  additionalProperties: false,
} as const

const ACTION_SHAPES = {
  set: { properties: { field: keyString, value: ref('condition') }, required: ['field', 'value'] },
  assign: { properties: { to: ref('assignee-rule') }, required: ['to'] },
  create: {
    properties: {
      form: keyString,
      map: { type: 'object', additionalProperties: ref('condition') },
      link: keyString,
      backLink: keyString,
      // create-or-link: target fields whose normalized values find an existing record to link instead
      match: { ...keyList, minItems: 1 },
    },
    required: ['form', 'map'],
  },
  notify: {
    properties: {
      to: ref('assignee-rule'),
      message: ref('label'),
      channel: { enum: ['inapp', 'email', 'robot'] },
      robot: keyString,
    },
    // `to` too, except on the robot channel: checkRobots says which
    required: ['message'],
  },
  webhook: {
    properties: {
      url: { type: 'string', pattern: '^https?://[^\\s]+$' },
      body: ref('condition'),
    },
    required: ['url'],
  },
} as const

export const ACTION_TYPES = Object.keys(ACTION_SHAPES) as (keyof typeof ACTION_SHAPES)[]

/** An action a transition runs; discriminated by `type` like a field. */
export const actionSchema = {
  $schema: JSON_SCHEMA_2020_12,
  $id: schemaId('action'),
  title: 'action',
  type: 'object',
  required: ['type'],
  properties: { type: { enum: ACTION_TYPES } },
  allOf: ACTION_TYPES.map((type) =>
    conditional(
      { properties: { type: { const: type } }, required: ['type'] },
      {
        type: 'object',
        properties: { ...ACTION_SHAPES[type].properties, type: true },
        required: ACTION_SHAPES[type].required,
        additionalProperties: false,
      },
    ),
  ),
} as const

const fieldAccess = { enum: ['hidden', 'read', 'edit', 'required'] } as const

export const stateSchema = {
  $schema: JSON_SCHEMA_2020_12,
  $id: schemaId('state'),
  title: 'state',
  type: 'object',
  required: ['key'],
  properties: {
    key: keyString,
    label: ref('label'),
    final: { type: 'boolean' },
    assignee: ref('assignee-rule'),
    assigneeField: keyString,
    approval: {
      type: 'object',
      required: ['mode'],
      properties: {
        mode: { enum: ['all', 'any', 'share'] },
        share: { type: 'number' },
        approve: keyString,
        reject: keyString,
      },
      additionalProperties: false,
    },
    fields: {
      type: 'object',
      additionalProperties: {
        type: ['string', 'object'],
        ...conditional({ type: 'string' }, fieldAccess, {
          type: 'object',
          additionalProperties: fieldAccess,
        }),
      },
    },
  },
  additionalProperties: false,
} as const

export const transitionSchema = {
  $schema: JSON_SCHEMA_2020_12,
  $id: schemaId('transition'),
  title: 'transition',
  type: 'object',
  required: ['key', 'from', 'to', 'roles'],
  properties: {
    key: keyString,
    label: ref('label'),
    from: { ...keyList, minItems: 1 },
    to: keyString,
    roles: keyList,
    assigneeOnly: { type: 'boolean' },
    style: { enum: ['primary', 'default', 'danger'] },
    guard: ref('condition'),
    guardMessage: ref('label'),
    requires: keyList,
    actions: { type: 'array', items: ref('action') },
  },
  additionalProperties: false,
} as const

export const timerSchema = {
  $schema: JSON_SCHEMA_2020_12,
  $id: schemaId('timer'),
  title: 'timer',
  type: 'object',
  required: ['state', 'after', 'fire'],
  // `after` is checked as ISO 8601 semantically, to report `invalid_duration` with a reason.
  properties: { state: keyString, after: { type: 'string', minLength: 1 }, fire: keyString },
  additionalProperties: false,
} as const

export const workflowSchema = {
  $schema: JSON_SCHEMA_2020_12,
  $id: schemaId('workflow'),
  title: 'workflow',
  type: 'object',
  required: ['key', 'form', 'initial', 'states', 'transitions'],
  properties: {
    key: keyString,
    label: ref('label'),
    form: keyString,
    initial: keyString,
    states: { type: 'array', minItems: 1, items: ref('state') },
    transitions: { type: 'array', items: ref('transition') },
    timers: { type: 'array', items: ref('timer') },
    // The builder's node positions; data for the UI only, so a stale key is harmless and not checked.
    layout: {
      type: 'object',
      properties: {
        states: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            required: ['x', 'y'],
            properties: { x: { type: 'number' }, y: { type: 'number' } },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const
