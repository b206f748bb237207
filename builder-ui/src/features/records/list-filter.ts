import type { FieldDefinition } from '@tessera/schemas'

/** One filter the user set on a column, in the UI's terms. */
export type ColumnFilter =
  | { kind: 'text'; contains: string }
  | { kind: 'range'; from?: string | number; to?: string | number }
  | { kind: 'in'; values: string[] }
  | { kind: 'bool'; value: boolean }
  | { kind: 'empty' }

export type FilterKind = 'text' | 'range' | 'in' | 'bool' | 'none'

/** Which filter fits a field type: text search, a range for numbers and dates, a choice list, yes/no. */
export function filterKindFor(type: FieldDefinition['type'] | 'state'): FilterKind {
  switch (type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
    case 'serial':
      return 'text'
    case 'number':
    case 'integer':
    case 'money':
    case 'percent':
    case 'date':
    case 'datetime':
    case 'rating':
    case 'formula':
      return 'range'
    case 'select':
    case 'radio':
    case 'multiselect':
    case 'user':
    case 'state':
      return 'in'
    case 'boolean':
      return 'bool'
    default:
      return 'none'
  }
}

/**
 * The server's filter JSON (`{"score": {"gte": 60}, "state": {"in": ["new"]}}`, operators of
 * engine-types.ts ListQuery) from the UI's column filters. Empty filters are left out.
 */
export function toServerFilter(filters: Record<string, ColumnFilter>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, f] of Object.entries(filters)) {
    switch (f.kind) {
      case 'text':
        if (f.contains.trim()) out[key] = { contains: f.contains.trim() }
        break
      case 'range': {
        const has = (v: unknown) => v !== undefined && v !== null && v !== ''
        if (has(f.from) && has(f.to)) out[key] = { between: [f.from, f.to] }
        else if (has(f.from)) out[key] = { gte: f.from }
        else if (has(f.to)) out[key] = { lte: f.to }
        break
      }
      case 'in':
        if (f.values.length) out[key] = { in: f.values }
        break
      case 'bool':
        out[key] = { eq: f.value }
        break
      case 'empty':
        out[key] = { empty: true }
        break
    }
  }
  return out
}

/** `{field, order}` from antd's sorter -> the server's `field` / `-field`. */
export function toServerSort(
  field: string | undefined,
  order: 'ascend' | 'descend' | null | undefined,
): string | undefined {
  if (!field || !order) return undefined
  return order === 'descend' ? `-${field}` : field
}
