import type { ColumnMapping, FieldDefinition, FormDefinition } from '@tessera/schemas'
import { normalizeHeader } from './normalize-text.js'

/** Fields a file cannot fill: computed by the server or not representable in a cell. */
const NOT_IMPORTABLE = new Set(['formula', 'serial', 'file', 'image', 'subform', 'lookup', 'rollup'])

export interface HeaderMapping {
  /** per column position: the fields it fills (a column may fill several, none when no field takes it) */
  columns: ColumnMapping[][]
  /** headers no field took (reported once in the summary, not per row) */
  unmapped: string[]
}

/**
 * Maps file headers onto form fields: an explicit mapping first (column -> field, matched as
 * headers are), else each header by its normalized text against the field key, `key` with spaces
 * for underscores, and every locale of the label: ` email `, `Email` and `邮箱` all find `email`.
 */
export function mapHeaders(
  headers: string[],
  form: FormDefinition,
  explicit?: ColumnMapping[],
): HeaderMapping {
  const fieldByName = new Map<string, FieldDefinition>()
  for (const field of form.fields) {
    if (NOT_IMPORTABLE.has(field.type)) continue
    for (const name of namesOf(field)) if (!fieldByName.has(name)) fieldByName.set(name, field)
  }
  const columns: ColumnMapping[][] = []
  const unmapped: string[] = []
  headers.forEach((header, i) => {
    const key = normalizeHeader(header)
    if (explicit) {
      columns[i] = explicit.filter((c) => normalizeHeader(c.column) === key)
    } else {
      const field = fieldByName.get(key)
      columns[i] = field ? [{ column: header, field: field.key }] : []
    }
    if (columns[i]?.length === 0) unmapped.push(header)
  })
  return { columns, unmapped }
}

function namesOf(field: FieldDefinition): string[] {
  const names = [field.key, field.key.replace(/_/g, ' ')]
  if (typeof field.label === 'string') names.push(field.label)
  else if (field.label) names.push(...Object.values(field.label))
  return names.map(normalizeHeader)
}
