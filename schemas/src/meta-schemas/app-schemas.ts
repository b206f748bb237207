import { JSON_SCHEMA_2020_12, keyString, ref, schemaId } from './schema-ids.js'

/** A list filter (`{"score": {"gte": 60}}`), not JSON Logic: field -> value or `{op: value}`. */
const listFilter = { type: 'object' } as const

export const viewSchema = {
  $schema: JSON_SCHEMA_2020_12,
  $id: schemaId('view'),
  title: 'view',
  type: 'object',
  required: ['key', 'form'],
  properties: {
    key: keyString,
    title: ref('label'),
    form: keyString,
    type: { enum: ['table', 'kanban', 'calendar'] },
    columns: { type: 'array', items: keyString, uniqueItems: true },
    filter: listFilter,
    sort: { type: 'string', minLength: 1 },
    groupBy: keyString,
  },
  additionalProperties: false,
} as const

const stateList = { type: 'array', items: keyString, minItems: 1, uniqueItems: true } as const

const funnelStageSchema = {
  type: 'object',
  required: ['key'],
  properties: {
    key: keyString,
    label: ref('label'),
    states: stateList,
    linked: {
      type: 'object',
      required: ['field', 'states'],
      properties: { field: keyString, states: stateList },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const

const widgetSchema = {
  type: 'object',
  required: ['key', 'type', 'form'],
  properties: {
    key: keyString,
    title: ref('label'),
    type: { enum: ['funnel', 'bar', 'line', 'pie', 'number', 'table'] },
    form: keyString,
    report: { enum: ['funnel', 'sla', 'time_series', 'transitions'] },
    groupBy: keyString,
    memberAttribute: keyString,
    measure: {
      type: 'object',
      required: ['op'],
      properties: { op: { enum: ['count', 'sum', 'avg', 'min', 'max', 'median'] }, field: keyString },
      additionalProperties: false,
    },
    filter: listFilter,
    stages: { type: 'array', items: funnelStageSchema, minItems: 2 },
    sla: {
      type: 'object',
      required: ['state', 'timer', 'goal'],
      properties: { state: keyString, timer: keyString, goal: keyString },
      additionalProperties: false,
    },
    time: {
      type: 'object',
      required: ['bucket'],
      properties: { field: keyString, bucket: { enum: ['day', 'week', 'month'] } },
      additionalProperties: false,
    },
    transition: keyString,
    dateField: keyString,
    filterBy: {
      type: 'object',
      properties: {
        region: {
          type: 'object',
          required: ['field'],
          properties: { field: keyString, memberAttribute: keyString },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const

export const dashboardSchema = {
  $schema: JSON_SCHEMA_2020_12,
  $id: schemaId('dashboard'),
  title: 'dashboard',
  type: 'object',
  required: ['key', 'widgets'],
  properties: {
    key: keyString,
    title: ref('label'),
    widgets: { type: 'array', items: widgetSchema },
  },
  additionalProperties: false,
} as const

const duplicateRuleSchema = {
  type: 'object',
  required: ['form', 'field', 'action'],
  properties: { form: keyString, field: keyString, action: { enum: ['flag', 'attach'] } },
  additionalProperties: false,
} as const

/** A chat robot; its URL and the channel/robot pairing are semantic checks, worded better than a pattern. */
const robotSchema = {
  type: 'object',
  required: ['key', 'kind', 'url'],
  properties: {
    key: keyString,
    label: ref('label'),
    kind: { enum: ['dingtalk', 'wecom', 'feishu', 'slack'] },
    url: { type: 'string', minLength: 1 },
    secret: { type: 'string', minLength: 1 },
  },
  additionalProperties: false,
} as const

export const appSchema = {
  $schema: JSON_SCHEMA_2020_12,
  $id: schemaId('app'),
  title: 'app',
  type: 'object',
  required: ['key', 'name', 'roles', 'forms'],
  properties: {
    key: keyString,
    name: ref('label'),
    description: ref('label'),
    version: { type: 'integer', minimum: 1 },
    roles: { type: 'array', items: ref('role') },
    forms: { type: 'array', minItems: 1, items: ref('form') },
    workflows: { type: 'array', items: ref('workflow') },
    views: { type: 'array', items: ref('view') },
    dashboards: { type: 'array', items: ref('dashboard') },
    timeZone: { type: 'string', minLength: 1 },
    duplicates: { type: 'array', items: duplicateRuleSchema },
    automations: { type: 'array', items: ref('automation') },
    robots: { type: 'array', items: robotSchema },
  },
  additionalProperties: false,
} as const
