import { FIELD_TYPES, type FieldDefinition, type FieldType, ROLLUP_OPS } from '../app-definition.js'
import { conditional, JSON_SCHEMA_2020_12, keyString, ref, schemaId } from './schema-ids.js'

type PropertySchemas = Partial<Record<keyof FieldDefinition, object>>

const bool = { type: 'boolean' } as const
const nonNegativeInt = { type: 'integer', minimum: 0 } as const
const decimalString = { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' } as const

const base = {
  key: keyString,
  type: { enum: FIELD_TYPES },
  label: ref('label'),
  help: ref('label'),
  visibleWhen: ref('condition'),
  readOnly: bool,
} satisfies PropertySchemas

/** What a person fills in: computed types (formula, serial) take none of these. */
const input = {
  ...base,
  placeholder: ref('label'),
  required: bool,
  requiredWhen: ref('condition'),
  default: {},
} satisfies PropertySchemas

const unique = { unique: bool }
const lengths = { minLength: nonNegativeInt, maxLength: nonNegativeInt }
const decimals = { decimals: { type: 'integer', minimum: 0, maximum: 12 } }
const range = (bound: object) => ({ min: bound, max: bound })
const options = {
  options: {
    type: 'array',
    items: {
      type: 'object',
      required: ['value'],
      properties: { value: { type: 'string', minLength: 1 }, label: ref('label') },
      additionalProperties: false,
    },
  },
}
const files = {
  accept: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
  maxSize: { type: 'integer', exclusiveMinimum: 0 },
  maxFiles: { type: 'integer', minimum: 1 },
}

interface TypeShape {
  properties: PropertySchemas
  required?: (keyof FieldDefinition)[]
}

/** Which properties each field type takes; anything else on a field of that type is a shape error. */
export const FIELD_TYPE_SHAPES: Record<FieldType, TypeShape> = {
  text: { properties: { ...input, ...unique, ...lengths, pattern: { type: 'string' } } },
  textarea: { properties: { ...input, ...lengths } },
  number: { properties: { ...input, ...unique, ...range({ type: 'number' }), ...decimals } },
  integer: { properties: { ...input, ...unique, ...range({ type: 'integer' }) } },
  money: {
    properties: {
      ...input,
      ...unique,
      ...range({ ...decimalString, type: ['number', 'string'] }),
      ...decimals,
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    },
  },
  percent: { properties: { ...input, ...range({ type: 'number' }), ...decimals } },
  date: { properties: { ...input, ...unique, ...range({ type: 'string', format: 'date' }) } },
  datetime: { properties: { ...input, ...unique, ...range({ type: 'string', format: 'date-time' }) } },
  select: { properties: { ...input, ...unique, ...options } },
  multiselect: { properties: { ...input, ...options } },
  radio: { properties: { ...input, ...options } },
  boolean: { properties: { ...input } },
  email: { properties: { ...input, ...unique, maxLength: nonNegativeInt } },
  phone: { properties: { ...input, ...unique, maxLength: nonNegativeInt, pattern: { type: 'string' } } },
  url: { properties: { ...input, ...unique, maxLength: nonNegativeInt } },
  user: { properties: { ...input, multiple: bool } },
  relation: {
    properties: {
      ...input,
      target: keyString,
      display: keyString,
      multiple: bool,
      fill: { type: 'object', minProperties: 1, propertyNames: keyString, additionalProperties: keyString },
    },
    required: ['target'],
  },
  subform: {
    properties: { ...input, fields: { type: 'array', minItems: 1, items: ref('field') } },
    required: ['fields'],
  },
  file: { properties: { ...input, ...files } },
  image: { properties: { ...input, ...files } },
  formula: { properties: { ...base, expression: ref('condition'), ...decimals }, required: ['expression'] },
  serial: {
    properties: { ...base, ...unique, format: { type: 'string', minLength: 1 } },
    required: ['format'],
  },
  address: { properties: { ...input } },
  rating: { properties: { ...input, max: { type: 'integer', minimum: 1, maximum: 10 } } },
  lookup: { properties: { ...base, relation: keyString, field: keyString }, required: ['relation', 'field'] },
  rollup: {
    properties: {
      ...base,
      form: keyString,
      relation: keyString,
      op: { enum: ROLLUP_OPS },
      field: keyString,
      where: ref('condition'),
      ...decimals,
    },
    required: ['form', 'relation', 'op'],
  },
}

/** A field: `key` and `type` first, then one if/then per type closing the property set of that type. */
export const fieldSchema = {
  $schema: JSON_SCHEMA_2020_12,
  $id: schemaId('field'),
  title: 'field',
  type: 'object',
  required: ['key', 'type'],
  properties: { key: base.key, type: base.type },
  allOf: FIELD_TYPES.map((type) => {
    const shape = FIELD_TYPE_SHAPES[type]
    return conditional(
      { properties: { type: { const: type } }, required: ['type'] },
      {
        type: 'object',
        // key and type are already checked above; `true` keeps them allowed without a second error.
        properties: { ...shape.properties, key: true, type: true },
        additionalProperties: false,
        ...(shape.required ? { required: shape.required } : {}),
      },
    )
  }),
} as const
