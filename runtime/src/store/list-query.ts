import { type FieldDefinition, formulaKind, isLinkedField } from '@tessera/schemas'
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely'
import { TesseraError } from '../errors.js'
import type { Database } from './database.js'
import type { LinkedSql } from './linked-fields-sql.js'

/** How a value compares in SQL: the cast applied to both the stored jsonb text and the bound value. */
type Cast = 'numeric' | 'date' | 'timestamptz' | 'boolean' | 'text' | 'uuid'

interface Column {
  /** the SQL expression (over `record r` and `workflow_instance wi`) */
  expr: RawBuilder<unknown>
  cast: Cast
  /** a jsonb array (multiselect, multiple user/relation): compared by containment */
  array?: boolean
  /** never NULL (a system column of `record`): a keyset over such columns is one row comparison */
  notNull?: boolean
  /** a plain field stored as a jsonb string, eligible for the jsonb_path_ops containment index */
  key?: string
  textLike?: boolean
}

const NUMERIC_TYPES = new Set(['number', 'integer', 'money', 'percent', 'rating'])
const TEXT_TYPES = new Set([
  'text',
  'textarea',
  'email',
  'phone',
  'url',
  'serial',
  'select',
  'radio',
  'formula',
  'address',
])

const SYSTEM: Record<string, Column> = {
  id: { expr: sql`r.id`, cast: 'uuid', notNull: true },
  state: { expr: sql`wi.state`, cast: 'text', textLike: true },
  assignee: { expr: sql`wi.assignee`, cast: 'uuid' },
  owner: { expr: sql`r.owner`, cast: 'uuid' },
  created_at: { expr: sql`r.created_at`, cast: 'timestamptz', notNull: true },
  updated_at: { expr: sql`r.updated_at`, cast: 'timestamptz', notNull: true },
  version: { expr: sql`r.version`, cast: 'numeric', notNull: true },
}

/**
 * How a list sorts and compares a field, over `data` (the record's `r.data` by default). `literalKey`
 * writes the key into the SQL instead of sending it as a parameter, for an index definition: the
 * planner matches the two, since it plans each list with its parameters' values.
 */
function fieldColumn(
  field: FieldDefinition,
  linked?: LinkedSql,
  data = sql`r.data`,
  literalKey = false,
): Column | undefined {
  if (isLinkedField(field)) {
    // computed from related records: typed as the value it answers with, never in r.data (no index)
    const source = linked?.source(field)
    const column = source && fieldColumn(source.field, undefined, source.data)
    if (!column) return undefined
    const { key: _stored, ...computed } = column
    return computed
  }
  const key = field.key
  const text = literalKey ? sql`(${data}->>${sql.lit(key)})` : sql`(${data}->>${key})`
  if (
    field.type === 'multiselect' ||
    ((field.type === 'user' || field.type === 'relation') && field.multiple)
  )
    return { expr: sql`(${data}->${key})`, cast: 'text', array: true, key }
  if (NUMERIC_TYPES.has(field.type)) return { expr: sql`${text}::numeric`, cast: 'numeric' }
  // a numeric formula sorts and compares as a number (9 < 10), not as text; the guard keeps a value
  // stored before the formula changed kind from failing the whole query
  if (field.type === 'formula' && formulaKind(field) === 'number')
    return {
      expr: sql`(case when ${text} ~ '^-?[0-9]+(\.[0-9]+)?$' then ${text}::numeric end)`,
      cast: 'numeric',
    }
  if (field.type === 'date') return { expr: sql`${text}::date`, cast: 'date' }
  if (field.type === 'datetime') return { expr: sql`${text}::timestamptz`, cast: 'timestamptz' }
  if (field.type === 'boolean') return { expr: sql`${text}::boolean`, cast: 'boolean', key }
  if (field.type === 'user' || field.type === 'relation') return { expr: text, cast: 'text', key }
  if (TEXT_TYPES.has(field.type)) return { expr: text, cast: 'text', key, textLike: true }
  // subform, file, image: not filterable or sortable by value
  return undefined
}

/**
 * The expression an index on a field's values needs, over the record's `data`, when a btree can
 * serve it: numbers (numeric formulas too) and text. Dates and datetimes are left out: their text
 * casts depend on the session's settings, which PostgreSQL does not allow in an index.
 */
export function indexableColumn(
  field: FieldDefinition,
): { expr: RawBuilder<unknown>; numeric: boolean } | undefined {
  if (isLinkedField(field)) return undefined
  const column = fieldColumn(field, undefined, sql`data`, true)
  if (!column || column.array) return undefined
  if (column.cast === 'numeric' || column.textLike)
    return { expr: column.expr, numeric: column.cast === 'numeric' }
  return undefined
}

const badRequest = (en: string, zh: string, details: Record<string, unknown>) =>
  new TesseraError('BAD_REQUEST', { 'zh-CN': zh, en }, details)

const VALUE_SHAPES: Record<Cast, (v: unknown) => boolean> = {
  numeric: (v) =>
    (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)),
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
  timestamptz: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  boolean: (v) => typeof v === 'boolean',
  text: (v) => typeof v === 'string' || typeof v === 'number',
  uuid: (v) =>
    typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
}

/** A bound parameter cast to the column's type: values never become SQL text. */
function bind(column: Column, value: unknown, name: string, op: string): RawBuilder<unknown> {
  if (!VALUE_SHAPES[column.cast](value))
    throw badRequest(
      `filter ${name}.${op}: ${JSON.stringify(value)} is not a valid ${column.cast} value`,
      `筛选 ${name}.${op}：${JSON.stringify(value)} 不是有效的 ${column.cast} 值`,
      { key: name, operator: op },
    )
  const v = typeof value === 'number' ? String(value) : value
  return sql`cast(${v} as ${sql.raw(column.cast)})`
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

const OPERATORS = [
  'eq',
  'ne',
  'in',
  'nin',
  'contains',
  'starts',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'empty',
  'notEmpty',
] as const
type Operator = (typeof OPERATORS)[number]
const isOperator = (op: string): op is Operator => (OPERATORS as readonly string[]).includes(op)

function condition(column: Column, name: string, op: Operator, value: unknown): RawBuilder<SqlBool> {
  const e = column.expr
  const list = (): unknown[] => {
    if (!Array.isArray(value) || value.length === 0)
      throw badRequest(`filter ${name}.${op} needs a non-empty list`, `筛选 ${name}.${op} 需要非空列表`, {
        key: name,
        operator: op,
      })
    return value
  }
  if (op === 'empty' || op === 'notEmpty') {
    const wantEmpty = (op === 'empty') === (value !== false)
    const isEmpty = column.array
      ? sql<SqlBool>`(${e} is null or jsonb_array_length(${e}) = 0)`
      : sql<SqlBool>`${e} is null`
    return wantEmpty ? isEmpty : sql<SqlBool>`not ${isEmpty}`
  }
  if (column.array) {
    // arrays: eq/contains/in ask "holds this value (any of these values)"; ne/nin the opposite
    const holds = (v: unknown) => {
      if (!VALUE_SHAPES.text(v))
        throw badRequest(`filter ${name}.${op}: bad value`, `筛选 ${name}.${op}：值无效`, {
          key: name,
          operator: op,
        })
      return sql<SqlBool>`coalesce(${e} @> ${JSON.stringify([String(v)])}::jsonb, false)`
    }
    const any = (vs: unknown[]) => sql<SqlBool>`(${sql.join(vs.map(holds), sql` or `)})`
    if (op === 'eq' || op === 'contains') return holds(value)
    if (op === 'ne') return sql<SqlBool>`not ${holds(value)}`
    if (op === 'in') return any(list())
    if (op === 'nin') return sql<SqlBool>`not ${any(list())}`
    throw badRequest(
      `filter ${name}: ${op} does not apply to a list field`,
      `筛选 ${name}：${op} 不适用于多值字段`,
      { key: name, operator: op },
    )
  }
  switch (op) {
    case 'eq':
      // a plain string field: jsonb containment uses the gin (jsonb_path_ops) index
      if (column.key && typeof value === 'string' && column.cast === 'text')
        return sql<SqlBool>`r.data @> ${JSON.stringify({ [column.key]: value })}::jsonb`
      return sql<SqlBool>`${e} = ${bind(column, value, name, op)}`
    case 'ne':
      return sql<SqlBool>`${e} is distinct from ${bind(column, value, name, op)}`
    case 'in':
      return sql<SqlBool>`${e} in (${sql.join(list().map((v) => bind(column, v, name, op)))})`
    case 'nin':
      return sql<SqlBool>`(${e} is null or ${e} not in (${sql.join(list().map((v) => bind(column, v, name, op)))}))`
    case 'contains':
    case 'starts': {
      if (typeof value !== 'string' || !column.textLike)
        throw badRequest(`filter ${name}.${op} needs text`, `筛选 ${name}.${op} 需要文本`, {
          key: name,
          operator: op,
        })
      const pattern = op === 'contains' ? `%${escapeLike(value)}%` : `${escapeLike(value)}%`
      return sql<SqlBool>`${e} ilike ${pattern}`
    }
    case 'gt':
      return sql<SqlBool>`${e} > ${bind(column, value, name, op)}`
    case 'gte':
      return sql<SqlBool>`${e} >= ${bind(column, value, name, op)}`
    case 'lt':
      return sql<SqlBool>`${e} < ${bind(column, value, name, op)}`
    case 'lte':
      return sql<SqlBool>`${e} <= ${bind(column, value, name, op)}`
    case 'between': {
      const [lo, hi] = Array.isArray(value) && value.length === 2 ? value : []
      if (lo === undefined || hi === undefined)
        throw badRequest(
          `filter ${name}.between needs [low, high]`,
          `筛选 ${name}.between 需要 [下限, 上限]`,
          { key: name, operator: op },
        )
      return sql<SqlBool>`${e} between ${bind(column, lo, name, op)} and ${bind(column, hi, name, op)}`
    }
  }
}

/** Row scope of a list: a record shows when it is owned by or assigned to one of `users`, or matches one of `where`. */
export interface ListScope {
  users?: string[]
  /** row rules translated to SQL (see logic-sql.ts) */
  where?: RawBuilder<SqlBool>[]
}

export interface ListParams {
  app: string
  form: string
  fields: FieldDefinition[]
  filter?: Record<string, unknown>
  sort?: string
  limit?: number
  cursor?: string
  q?: string
  scope?: ListScope
  /** fields the caller may not see: they may not be filtered, sorted or searched on either */
  hidden?: ReadonlySet<string>
  /**
   * The total is counted exactly up to this many matches (default {@link EXACT_TOTAL_LIMIT}); past
   * it, the planner's estimate is returned and flagged. `Infinity` counts every match (reports).
   */
  exactTotalUpTo?: number
  /** the form's lookups and rollups (linked-fields-sql.ts), when it has any */
  linked?: LinkedSql
}

/**
 * Totals are exact up to this many matching records. Counting every match grows with the table
 * (about 500 ms at 1M records here); counting at most this many costs the same at any size.
 */
export const EXACT_TOTAL_LIMIT = 10_000

export interface ListPage {
  rows: ListRow[]
  /** exact when `totalIsEstimate` is false; otherwise the planner's estimate, never below the limit */
  total: number
  totalIsEstimate: boolean
  nextCursor: string | null
}

export interface ListRow {
  id: string
  app: string
  form: string
  form_version: number
  owner: string | null
  created_at: Date
  updated_at: Date
  version: number
  data: Record<string, unknown>
  duplicate_of: string | null
  state: string | null
  assignee: string | null
  needs_migration: boolean | null
}

interface SortKey {
  column: Column
  desc: boolean
}

function resolveColumn(
  name: string,
  fields: FieldDefinition[],
  hidden: ReadonlySet<string> | undefined,
  use: string,
  linked?: LinkedSql,
): Column {
  const system = SYSTEM[name]
  if (system) return system
  const field = hidden?.has(name) ? undefined : fields.find((f) => f.key === name)
  const column = field && fieldColumn(field, linked)
  if (!column)
    throw badRequest(
      `unknown ${use} key "${name}"`,
      `未知的${use === 'sort' ? '排序' : '筛选'}字段 "${name}"`,
      { key: name, [use]: name },
    )
  return column
}

function parseSort(
  sort: string | undefined,
  fields: FieldDefinition[],
  hidden?: ReadonlySet<string>,
  linked?: LinkedSql,
): SortKey[] {
  const keys: SortKey[] = []
  for (const part of (sort ?? '-created_at')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const desc = part.startsWith('-')
    const name = desc || part.startsWith('+') ? part.slice(1) : part
    keys.push({ column: resolveColumn(name, fields, hidden, 'sort', linked), desc })
  }
  // the id breaks ties, so the order is total and a cursor is never ambiguous
  keys.push({ column: SYSTEM.id as Column, desc: keys.at(-1)?.desc ?? false })
  return keys
}

type CursorValue = string | number | boolean | null

const encodeCursor = (values: CursorValue[]) => Buffer.from(JSON.stringify(values)).toString('base64url')
function decodeCursor(cursor: string, length: number): CursorValue[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(values) && values.length === length) return values as CursorValue[]
  } catch {}
  throw badRequest('the cursor is malformed or belongs to another sort', '游标无效或属于另一种排序', {
    key: 'cursor',
  })
}

/**
 * Keyset condition "after the cursor row" under (isnull, value) per key, so NULLs sort last ascending
 * and first descending (PostgreSQL's defaults) and rows inserted meanwhile never shift a page.
 */
function afterCursor(keys: SortKey[], values: CursorValue[]): RawBuilder<SqlBool> {
  const cast = (column: Column, x: CursorValue) =>
    sql`cast(${typeof x === 'number' ? String(x) : x} as ${sql.raw(column.cast)})`
  const desc = keys[0]?.desc
  if (keys.every((k) => k.column.notNull && k.desc === desc) && values.every((v) => v !== null)) {
    // One row comparison: PostgreSQL turns it into a range on the (app, form, column, id) index,
    // so page 1000 costs what page 1 does (the OR form below makes it filter row by row).
    const left = sql.join(keys.map((k) => k.column.expr))
    const right = sql.join(keys.map((k, i) => cast(k.column, values[i] ?? null)))
    return desc ? sql<SqlBool>`(${left}) < (${right})` : sql<SqlBool>`(${left}) > (${right})`
  }
  const ors: RawBuilder<SqlBool>[] = []
  for (let i = 0; i < keys.length; i++) {
    const ands: RawBuilder<SqlBool>[] = []
    for (let j = 0; j <= i; j++) {
      const { column, desc } = keys[j] as SortKey
      const v = values[j] ?? null
      const last = j === i
      if (v === null) {
        // cursor in the NULL group: asc -> NULLs are last, nothing after within the key; desc -> NULLs first, non-null follow
        if (!last) ands.push(sql<SqlBool>`${column.expr} is null`)
        else ands.push(desc ? sql<SqlBool>`${column.expr} is not null` : sql<SqlBool>`false`)
      } else if (last) {
        ands.push(
          desc
            ? sql<SqlBool>`${column.expr} < ${cast(column, v)}`
            : sql<SqlBool>`(${column.expr} > ${cast(column, v)} or ${column.expr} is null)`,
        )
      } else {
        ands.push(sql<SqlBool>`${column.expr} = ${cast(column, v)}`)
      }
    }
    ors.push(sql<SqlBool>`(${sql.join(ands, sql` and `)})`)
  }
  return sql<SqlBool>`(${sql.join(ors, sql` or `)})`
}

export function whereClause(p: ListParams): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [
    sql<SqlBool>`r.app = ${p.app}`,
    sql<SqlBool>`r.form = ${p.form}`,
    sql<SqlBool>`r.deleted_at is null`,
    sql<SqlBool>`r.is_draft = false`,
  ]
  for (const [name, spec] of Object.entries(p.filter ?? {})) {
    const column = resolveColumn(name, p.fields, p.hidden, 'filter', p.linked)
    const ops: [string, unknown][] =
      spec !== null && typeof spec === 'object' && !Array.isArray(spec)
        ? Object.entries(spec)
        : [['eq', spec]]
    for (const [op, value] of ops) {
      if (!isOperator(op))
        throw badRequest(`filter ${name}: unknown operator "${op}"`, `筛选 ${name}：未知运算符 "${op}"`, {
          key: name,
          operator: op,
        })
      parts.push(condition(column, name, op, value))
    }
  }
  if (p.q?.trim()) parts.push(sql<SqlBool>`r.search like ${`%${escapeLike(p.q.trim().toLowerCase())}%`}`)
  if (p.scope) {
    const anyOf: RawBuilder<SqlBool>[] = [...(p.scope.where ?? [])]
    const users = p.scope.users ?? []
    if (users.length > 0) {
      const ids = sql.join(users.map((u) => sql`cast(${u} as uuid)`))
      anyOf.push(sql<SqlBool>`(r.owner in (${ids}) or wi.assignee in (${ids}))`)
    }
    parts.push(anyOf.length === 0 ? sql<SqlBool>`false` : sql<SqlBool>`(${sql.join(anyOf, sql` or `)})`)
  }
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`
}

/** The planner's row estimate of a query, from EXPLAIN: no row is read. */
async function estimateRows(db: Kysely<Database>, query: RawBuilder<unknown>): Promise<number> {
  const result = await sql<Record<string, unknown>>`explain (format json) ${query}`.execute(db)
  const cell = Object.values(result.rows[0] ?? {})[0]
  const plan: unknown = typeof cell === 'string' ? JSON.parse(cell) : cell
  const rows = Array.isArray(plan)
    ? (plan[0] as { Plan?: { 'Plan Rows'?: unknown } })?.Plan?.['Plan Rows']
    : 0
  return typeof rows === 'number' ? Math.round(rows) : 0
}

/**
 * The total of a list: counted exactly while at most `upTo` records match, so a small list has its
 * true count and a large one never scans more than `upTo + 1` matches; past that, the estimate.
 */
const cappedCount = (from: RawBuilder<unknown>, where: RawBuilder<SqlBool>, upTo: number) =>
  sql<{
    total: number
  }>`select count(*)::int as total from (select 1 from ${from} where ${where} limit ${upTo + 1}) m`

/** The statement that counts a list's matches up to the exact-total limit; EXPLAIN it to see its plan. */
export const listCountQuery = (p: ListParams) =>
  cappedCount(LIST_FROM, whereClause(p), Math.max(0, p.exactTotalUpTo ?? EXACT_TOTAL_LIMIT))

async function countTotal(
  db: Kysely<Database>,
  from: RawBuilder<unknown>,
  where: RawBuilder<SqlBool>,
  upTo: number,
): Promise<{ total: number; totalIsEstimate: boolean }> {
  if (!Number.isFinite(upTo)) {
    const all = await sql<{
      total: number
    }>`select count(*)::int as total from ${from} where ${where}`.execute(db)
    return { total: all.rows[0]?.total ?? 0, totalIsEstimate: false }
  }
  const capped = await cappedCount(from, where, upTo).execute(db)
  const total = capped.rows[0]?.total ?? 0
  if (total <= upTo) return { total, totalIsEstimate: false }
  const estimate = await estimateRows(db, sql`select 1 from ${from} where ${where}`)
  return { total: Math.max(estimate, upTo + 1), totalIsEstimate: true }
}

// on the whole key (record_id, app): the planner drops the join from a count that reads nothing of it
const LIST_FROM = sql`record r left join workflow_instance wi on wi.record_id = r.id and wi.app = r.app`
const pageLimit = (p: ListParams) => Math.min(Math.max(Math.trunc(p.limit ?? 50), 1), 500)

/** The statement that reads one page of a list (one row more than the page, to know if more follow); EXPLAIN it to see its plan. */
export function listPageQuery(p: ListParams): RawBuilder<ListRow & Record<string, unknown>> {
  const keys = parseSort(p.sort, p.fields, p.hidden, p.linked)
  const page = p.cursor ? afterCursor(keys, decodeCursor(p.cursor, keys.length)) : sql<SqlBool>`true`
  const order = sql.join(
    keys.map((k) => (k.desc ? sql`${k.column.expr} desc nulls first` : sql`${k.column.expr} asc nulls last`)),
  )
  // as text: a timestamp keeps its microseconds in the cursor, a numeric its digits
  const sortValues = sql.join(keys.map((k, i) => sql`(${k.column.expr})::text as ${sql.ref(`_s${i}`)}`))
  return sql<ListRow & Record<string, unknown>>`
      select r.id, r.app, r.form, r.form_version, r.owner, r.created_at, r.updated_at, r.version,
             ${p.linked?.data ?? sql`r.data`} as data,
             r.duplicate_of, wi.state, wi.assignee, wi.needs_migration, ${sortValues}
      from ${LIST_FROM} where ${whereClause(p)} and ${page} order by ${order} limit ${pageLimit(p) + 1}`
}

/** One page of records matching a list query, the total and the cursor of the next page. */
export async function listRecords(db: Kysely<Database>, p: ListParams): Promise<ListPage> {
  const limit = pageLimit(p)
  const keys = parseSort(p.sort, p.fields, p.hidden, p.linked)
  const [rowsResult, counted] = await Promise.all([
    listPageQuery(p).execute(db),
    countTotal(db, LIST_FROM, whereClause(p), Math.max(0, p.exactTotalUpTo ?? EXACT_TOTAL_LIMIT)),
  ])
  const rows = rowsResult.rows
  const more = rows.length > limit
  const pageRows = more ? rows.slice(0, limit) : rows
  const last = pageRows.at(-1)
  const nextCursor =
    more && last
      ? encodeCursor(
          keys.map((_, i) => {
            const v = last[`_s${i}`]
            return typeof v === 'string' ? v : null
          }),
        )
      : null
  for (const row of pageRows) for (let i = 0; i < keys.length; i++) delete row[`_s${i}`]
  return { rows: pageRows, ...counted, nextCursor }
}
