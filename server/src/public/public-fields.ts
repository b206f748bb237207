import type { FieldDefinition, FormDefinition } from '@tessera/schemas'

// An anonymous visitor can neither pick members or records nor upload files, and computed fields are
// the server's: these never appear on a public form.
const PRIVATE_TYPES = new Set(['user', 'relation', 'formula', 'serial', 'file', 'image', 'lookup', 'rollup'])

const isPublicField = (field: FieldDefinition) => !field.readOnly && !PRIVATE_TYPES.has(field.type)

/** The form as a public link shows it: its public fields only, the layout trimmed to match. */
export function publicFormView(form: FormDefinition): Omit<FormDefinition, 'permissions'> {
  const { permissions: _permissions, ...rest } = form
  const fields = form.fields.filter(isPublicField)
  const keys = new Set(fields.map((f) => f.key))
  const layout = form.layout
    ?.map((section) => ({ ...section, fields: section.fields.filter((k) => keys.has(k)) }))
    .filter((section) => section.fields.length > 0)
  // a rule shown on a field the visitor does not see is shown on the form instead
  const rules = form.rules?.map(({ field, ...rule }) =>
    field !== undefined && keys.has(field) ? { ...rule, field } : rule,
  )
  return { ...rest, fields, ...(layout ? { layout } : {}), ...(rules ? { rules } : {}) }
}

/** Keys of a public submission that its form does not show. */
export function nonPublicKeys(form: FormDefinition, data: Record<string, unknown>): string[] {
  const keys = new Set(form.fields.filter(isPublicField).map((f) => f.key))
  return Object.keys(data).filter((k) => !keys.has(k))
}
