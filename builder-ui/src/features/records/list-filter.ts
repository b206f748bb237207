import type { FieldDefinition, JsonLogic } from '@tessera/schemas'

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

/**
 * Filters carried in a link (a dashboard's click-through, a shared URL): `?in.grade=A,B` selects
 * values, `?q.name=ana` searches a text field, `?from.score=60&to.score=80` is a range,
 * `?is.consent=true` a yes/no, `?empty.owner=1` no value.
 */
export function filtersFromSearch(search: URLSearchParams): Record<string, ColumnFilter> {
  const out: Record<string, ColumnFilter> = {}
  const range = (key: string) => (out[key]?.kind === 'range' ? out[key] : { kind: 'range' as const })
  for (const [k, v] of search) {
    if (k.startsWith('in.') && v) out[k.slice(3)] = { kind: 'in', values: v.split(',') }
    else if (k.startsWith('q.') && v) out[k.slice(2)] = { kind: 'text', contains: v }
    else if (k.startsWith('from.') && v) out[k.slice(5)] = { ...range(k.slice(5)), from: v }
    else if (k.startsWith('to.') && v) out[k.slice(3)] = { ...range(k.slice(3)), to: v }
    else if (k.startsWith('is.') && (v === 'true' || v === 'false'))
      out[k.slice(3)] = { kind: 'bool', value: v === 'true' }
    else if (k.startsWith('empty.')) out[k.slice(6)] = { kind: 'empty' }
  }
  return out
}

const FILTER_PREFIXES = ['in.', 'q.', 'from.', 'to.', 'is.', 'empty.']

/**
 * The table's setup as link parameters (filters as above, `sort`, `search`), keeping the others
 * (`view`): a copied address opens the same list.
 */
export function searchFromTable(
  current: URLSearchParams,
  filters: Record<string, ColumnFilter>,
  sort: string | undefined,
  q: string,
): URLSearchParams {
  const next = new URLSearchParams()
  for (const [k, v] of current)
    if (k !== 'sort' && k !== 'search' && !FILTER_PREFIXES.some((p) => k.startsWith(p))) next.append(k, v)
  for (const [key, f] of Object.entries(filters)) {
    if (f.kind === 'in' && f.values.length) next.set(`in.${key}`, f.values.join(','))
    if (f.kind === 'text' && f.contains.trim()) next.set(`q.${key}`, f.contains.trim())
    if (f.kind === 'range') {
      if (f.from !== undefined && f.from !== '') next.set(`from.${key}`, String(f.from))
      if (f.to !== undefined && f.to !== '') next.set(`to.${key}`, String(f.to))
    }
    if (f.kind === 'bool') next.set(`is.${key}`, String(f.value))
    if (f.kind === 'empty') next.set(`empty.${key}`, '1')
  }
  if (sort) next.set('sort', sort)
  if (q) next.set('search', q)
  return next
}

/**
 * The values a formula can take when it is a chain of `if` branches ending in text literals (a
 * grade "A"/"B"/"C"/"D"): such a formula is filtered by choosing among them, not by a range.
 */
export function formulaChoices(expression: JsonLogic | undefined): string[] | null {
  const out = new Set<string>()
  const walk = (e: JsonLogic | undefined): boolean => {
    // a null branch is "no grade yet": nothing to choose, but not a reason to give up
    if (e === null) return true
    if (typeof e === 'string') {
      out.add(e)
      return true
    }
    if (e && typeof e === 'object' && !Array.isArray(e) && 'if' in e && Array.isArray(e.if)) {
      const args = e.if
      return args.every((a, i) => (i % 2 === 1 || i === args.length - 1 ? walk(a) : true))
    }
    return false
  }
  return walk(expression) && out.size > 0 ? [...out] : null
}
