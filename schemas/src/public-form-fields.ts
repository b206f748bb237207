import type { FieldDefinition, FieldType } from './app-definition.js'

// An anonymous visitor can neither pick members or records nor upload files, and computed fields are
// the server's: these never appear on a public form.
const PRIVATE_TYPES: ReadonlySet<FieldType> = new Set([
  'user',
  'relation',
  'formula',
  'serial',
  'file',
  'image',
  'lookup',
  'rollup',
])

/** Whether an anonymous visitor could fill this field in at all (a public form may offer it). */
export const visitorFillable = (field: FieldDefinition): boolean =>
  !field.readOnly && !PRIVATE_TYPES.has(field.type)
