import type { FormDefinition } from '@tessera/schemas'

/** What names a record in a list: the first text the record has (a name, else an email, else a number). */
export function recordTitle(
  form: FormDefinition | undefined,
  data: Record<string, unknown>,
): string | undefined {
  const field = form?.fields.find(
    (f) =>
      ['text', 'email', 'serial'].includes(f.type) && typeof data[f.key] === 'string' && data[f.key] !== '',
  )
  return field ? String(data[field.key]) : undefined
}
