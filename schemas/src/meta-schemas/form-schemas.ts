import { conditional, JSON_SCHEMA_2020_12, keyString, ref, schemaId } from './schema-ids.js'

const bool = { type: 'boolean' } as const

/** A layout section: a title, 1-4 columns, and the fields it shows in order. */
export const layoutSchema = {
  $schema: JSON_SCHEMA_2020_12,
  $id: schemaId('layout'),
  title: 'layout section',
  type: 'object',
  required: ['section', 'fields'],
  properties: {
    section: ref('label'),
    columns: { type: 'integer', minimum: 1, maximum: 4 },
    fields: { type: 'array', items: keyString },
  },
  additionalProperties: false,
} as const

/** Row scope: `own | team | all | none`, or `{where: condition}`. if/then keeps it to one error. */
const rowScope = {
  type: ['string', 'object'],
  ...conditional(
    { type: 'string' },
    { enum: ['own', 'team', 'department', 'all', 'none'] },
    {
      type: 'object',
      required: ['where'],
      properties: { where: ref('condition') },
      additionalProperties: false,
    },
  ),
}

/** What one role may do with a form's records. */
export const formPermissionSchema = {
  $schema: JSON_SCHEMA_2020_12,
  $id: schemaId('form-permission'),
  title: 'form permission',
  type: 'object',
  properties: {
    create: bool,
    read: rowScope,
    edit: rowScope,
    delete: rowScope,
    import: bool,
    export: bool,
  },
  additionalProperties: false,
} as const

export const formSchema = {
  $schema: JSON_SCHEMA_2020_12,
  $id: schemaId('form'),
  title: 'form',
  type: 'object',
  required: ['key', 'title', 'fields'],
  properties: {
    key: keyString,
    title: ref('label'),
    description: ref('label'),
    fields: { type: 'array', minItems: 1, items: ref('field') },
    layout: { type: 'array', items: ref('layout') },
    permissions: { type: 'object', additionalProperties: ref('form-permission') },
    public: bool,
    publicFields: { type: 'array', items: keyString, uniqueItems: true },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'check', 'message'],
        properties: { key: keyString, check: ref('condition'), message: ref('label'), field: keyString },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const

export const roleSchema = {
  $schema: JSON_SCHEMA_2020_12,
  $id: schemaId('role'),
  title: 'role',
  type: 'object',
  required: ['key'],
  properties: { key: keyString, label: ref('label') },
  additionalProperties: false,
} as const
