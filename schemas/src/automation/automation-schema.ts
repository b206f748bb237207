import {
  conditional,
  JSON_SCHEMA_2020_12,
  keyList,
  keyString,
  ref,
  schemaId,
} from '../meta-schemas/schema-ids.js'

const TRIGGER_SHAPES = {
  created: { properties: { form: keyString }, required: ['form'] },
  changed: { properties: { form: keyString, fields: { ...keyList, minItems: 1 } }, required: ['form'] },
  entered: { properties: { workflow: keyString, state: keyString }, required: ['workflow', 'state'] },
  schedule: {
    properties: {
      cron: { type: 'string', minLength: 1 },
      each: {
        type: 'object',
        required: ['form'],
        properties: {
          form: keyString,
          where: ref('condition'),
          idle: {
            type: 'object',
            required: ['after'],
            properties: {
              after: { type: 'string', minLength: 1 },
              related: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['form', 'field'],
                  properties: { form: keyString, field: keyString },
                  additionalProperties: false,
                },
              },
            },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
    },
    required: ['cron'],
  },
  // A secret short enough to guess is no secret: 16 characters at least.
  webhook: { properties: { secret: { type: 'string', minLength: 16 } }, required: ['secret'] },
} as const

export const TRIGGER_KINDS = Object.keys(TRIGGER_SHAPES) as (keyof typeof TRIGGER_SHAPES)[]

const figureSchema = {
  type: 'object',
  required: ['key'],
  properties: {
    key: keyString,
    label: ref('label'),
    form: keyString,
    within: keyString,
    transition: keyString,
    groupBy: keyString,
    where: ref('condition'),
    // exactly two figure keys; `form` xor `ratio` is a semantic check, worded better than oneOf
    ratio: { type: 'array', items: keyString, minItems: 2 },
  },
  additionalProperties: false,
} as const

const AUTOMATION_ACTION_SHAPES = {
  // the workflow's own actions keep their one schema
  set: null,
  webhook: null,
  create: null,
  notify: {
    properties: {
      to: ref('assignee-rule'),
      message: ref('label'),
      channel: { enum: ['inapp', 'email', 'robot'] },
      robot: keyString,
      summary: {
        type: 'object',
        required: ['period', 'figures'],
        properties: {
          period: { type: 'string', minLength: 1 },
          figures: { type: 'array', minItems: 1, items: figureSchema },
        },
        additionalProperties: false,
      },
    },
    // `to` too, except on the robot channel: checkRobots says which
    required: ['message'],
  },
  update: {
    properties: {
      form: keyString,
      where: ref('condition'),
      set: { type: 'object', minProperties: 1, additionalProperties: ref('condition') },
    },
    required: ['form', 'set'],
  },
  transition: { properties: { record: ref('condition'), transition: keyString }, required: ['transition'] },
} as const

export const AUTOMATION_ACTION_TYPES = Object.keys(
  AUTOMATION_ACTION_SHAPES,
) as (keyof typeof AUTOMATION_ACTION_SHAPES)[]

const automationActionSchema = {
  type: 'object',
  required: ['type'],
  properties: { type: { enum: AUTOMATION_ACTION_TYPES } },
  allOf: AUTOMATION_ACTION_TYPES.map((type) => {
    const shape = AUTOMATION_ACTION_SHAPES[type]
    return conditional(
      { properties: { type: { const: type } }, required: ['type'] },
      shape === null
        ? { $ref: schemaId('action') }
        : {
            type: 'object',
            properties: { ...shape.properties, type: true },
            required: shape.required,
            additionalProperties: false,
          },
    )
  }),
} as const

/** An automation: a trigger, an optional condition, actions (issue 9). */
export const automationSchema = {
  $schema: JSON_SCHEMA_2020_12,
  $id: schemaId('automation'),
  title: 'automation',
  type: 'object',
  required: ['key', 'trigger', 'actions'],
  properties: {
    key: keyString,
    label: ref('label'),
    trigger: {
      type: 'object',
      required: ['on'],
      properties: { on: { enum: TRIGGER_KINDS } },
      allOf: TRIGGER_KINDS.map((on) =>
        conditional(
          { properties: { on: { const: on } }, required: ['on'] },
          {
            type: 'object',
            properties: { ...TRIGGER_SHAPES[on].properties, on: true },
            required: TRIGGER_SHAPES[on].required,
            additionalProperties: false,
          },
        ),
      ),
    },
    condition: ref('condition'),
    actions: { type: 'array', minItems: 1, items: automationActionSchema },
  },
  additionalProperties: false,
} as const
