import { OPERATORS } from '../logic/operators.js'
import { JSON_SCHEMA_2020_12, schemaId } from './schema-ids.js'

/**
 * JSON Logic restricted to OPERATORS: a literal, an array of expressions, or an object with exactly one
 * key that is a known operator. Written without oneOf/anyOf so a bad expression yields one precise error
 * (an unknown operator is an `additionalProperties` error naming it) rather than one per branch.
 */
export const conditionSchema = {
  $schema: JSON_SCHEMA_2020_12,
  $id: schemaId('condition'),
  title: 'condition',
  type: ['null', 'boolean', 'number', 'string', 'array', 'object'],
  items: { $ref: '#' },
  minProperties: 1,
  maxProperties: 1,
  properties: Object.fromEntries(OPERATORS.map((op) => [op, { $ref: '#' }])),
  additionalProperties: false,
} as const
