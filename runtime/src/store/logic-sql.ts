import type { FieldDefinition, JsonLogic } from '@tessera/schemas'
import { type RawBuilder, type SqlBool, sql } from 'kysely'

const NUMERIC = new Set(['number', 'integer', 'money', 'percent', 'rating'])
const COMPARE: Record<string, string> = {
  '==': '=',
  '===': '=',
  '!=': '<>',
  '!==': '<>',
  '>': '>',
  '>=': '>=',
  '<': '<',
  '<=': '<=',
}

type Operand = { sql: RawBuilder<unknown>; numeric: boolean }

/** The aliases of the record and its workflow instance in the query the condition joins. */
export interface RowAliases {
  record: string
  instance: string
}
const OUTER: RowAliases = { record: 'r', instance: 'wi' }

/**
 * Translates the part of JSON Logic a row rule needs (comparisons of a field with a literal or the
 * current user, `in`, `and`, `or`, `!`) into SQL over `record r` (or the aliases given), values bound as parameters.
 * Anything else answers undefined: the caller then falls back to a narrower scope, never a wider one.
 */
export function logicToSql(
  logic: JsonLogic,
  fields: FieldDefinition[],
  vars: Record<string, string | null>,
  as: RowAliases = OUTER,
): RawBuilder<SqlBool> | undefined {
  const r = sql.ref(as.record)
  const wi = sql.ref(as.instance)
  if (logic === true) return sql<SqlBool>`true`
  if (logic === false) return sql<SqlBool>`false`
  if (!logic || typeof logic !== 'object' || Array.isArray(logic)) return undefined
  const [op, raw] = Object.entries(logic)[0] ?? []
  if (!op) return undefined
  const args = Array.isArray(raw) ? raw : [raw]
  if (op === 'and' || op === 'or') {
    const parts = args.map((a) => logicToSql(a as JsonLogic, fields, vars, as))
    if (parts.some((p) => p === undefined) || parts.length === 0) return undefined
    return sql<SqlBool>`(${sql.join(parts as RawBuilder<SqlBool>[], op === 'and' ? sql` and ` : sql` or `)})`
  }
  if (op === '!') {
    const inner = logicToSql(args[0] as JsonLogic, fields, vars, as)
    return inner && sql<SqlBool>`not coalesce(${inner}, false)`
  }
  const operand = (a: unknown): Operand | undefined => {
    if (a && typeof a === 'object' && !Array.isArray(a) && 'var' in a) {
      const name = (a as { var: unknown }).var
      if (typeof name !== 'string') return undefined
      if (name in vars) return { sql: sql`${vars[name] ?? null}::text`, numeric: false }
      // `$owner` is the record's owner column, as the per-record check (access.ts inScope) sees it
      if (name === '$owner') return { sql: sql`${r}.owner::text`, numeric: false }
      const field = fields.find((f) => f.key === name)
      if (!field && name === 'state') return { sql: sql`${wi}.state`, numeric: false }
      if (!field) return undefined
      return NUMERIC.has(field.type)
        ? { sql: sql`(${r}.data->>${name})::numeric`, numeric: true }
        : { sql: sql`(${r}.data->>${name})`, numeric: false }
    }
    if (typeof a === 'number') return { sql: sql`${String(a)}::numeric`, numeric: true }
    if (typeof a === 'string' || typeof a === 'boolean')
      return { sql: sql`${String(a)}::text`, numeric: false }
    return undefined
  }
  const cmp = COMPARE[op]
  if (cmp && args.length === 2) {
    const [a, b] = [operand(args[0]), operand(args[1])]
    if (!a || !b) return undefined
    const numeric = a.numeric || b.numeric
    const side = (o: Operand) => (numeric && !o.numeric ? sql`(${o.sql})::numeric` : o.sql)
    return sql<SqlBool>`coalesce(${side(a)} ${sql.raw(cmp)} ${side(b)}, false)`
  }
  if (op === 'in' && args.length === 2 && Array.isArray(args[1])) {
    const a = operand(args[0])
    const list = (args[1] as unknown[]).map(operand)
    if (!a || list.length === 0 || list.some((x) => !x)) return undefined
    return sql<SqlBool>`coalesce(${a.sql}::text in (${sql.join(list.map((x) => sql`${(x as Operand).sql}::text`))}), false)`
  }
  return undefined
}
