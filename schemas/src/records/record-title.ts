import type { FieldDefinition, FormDefinition } from '../app-definition.js'

const TITLE_TYPES: ReadonlySet<string> = new Set(['text', 'email', 'serial'])

/**
 * What names a record in a list: the first text the record has (a name, else an e-mail, else a
 * number), among the fields `visible` lets through (by default every field). The server passes the
 * reader's field access, so a title never shows a field hidden from them.
 */
export function recordTitle(
  form: FormDefinition | undefined,
  data: Record<string, unknown>,
  visible: (field: FieldDefinition) => boolean = () => true,
): string | undefined {
  const field = form?.fields.find(
    (f) => TITLE_TYPES.has(f.type) && typeof data[f.key] === 'string' && data[f.key] !== '' && visible(f),
  )
  return field ? String(data[field.key]) : undefined
}
