import { JSON_SCHEMA_2020_12, schemaId } from './schema-ids.js'

/** A label: a non-empty string, or `{locale: string}` with BCP 47-like locale keys (`zh-CN`, `en`). */
export const labelSchema = {
  $schema: JSON_SCHEMA_2020_12,
  $id: schemaId('label'),
  title: 'label',
  type: ['string', 'object'],
  minLength: 1,
  minProperties: 1,
  propertyNames: { pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' },
  additionalProperties: { type: 'string' },
} as const
