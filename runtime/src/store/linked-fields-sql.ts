import {
  type AppDefinition,
  type FieldDefinition,
  type FormDefinition,
  isLinkedField,
  linkedValueField,
  lookupTarget,
  moneyScale,
} from '@tessera/schemas'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Database } from './database.js'
import { logicToSql } from './logic-sql.js'

type App = Pick<AppDefinition, 'forms'>

const NUMERIC = new Set(['number', 'integer', 'money', 'percent', 'rating'])
const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
/** jsonb_build_object takes at most 100 arguments: linked values are merged in chunks. */
const CHUNK = 40

/** What a list or a record read needs of a form's lookups and rollups, over `record r`. */
export interface LinkedSql {
  /** the field whose kind of value a linked field answers with, and its value as an object `{key: value}`
   * (list-query types and compares it like a stored field of that kind) */
  source(field: FieldDefinition): { field: FieldDefinition; data: RawBuilder<unknown> } | undefined
  /** `r.data` with every linked value merged in (empty ones absent) */
  data: RawBuilder<unknown>
}

/** A record alias one level deeper, so nested lookups and rollups never capture an outer alias. */
const aliasAt = (prefix: string, depth: number) => sql.ref(`${prefix}${depth}`)

/** The stored value, as the wire shows it, of `field` of the record `alias` (a jsonb expression). */
function valueSql(app: App, form: FormDefinition, field: FieldDefinition, alias: string, depth: number) {
  if (field.type === 'lookup') return lookupSql(app, form, field, alias, depth)
  if (field.type === 'rollup') return rollupSql(app, form, field, alias, depth)
  return sql`${sql.ref(alias)}.data->${field.key}`
}

function lookupSql(
  app: App,
  form: FormDefinition,
  field: FieldDefinition,
  alias: string,
  depth: number,
): RawBuilder<unknown> {
  const target = lookupTarget(app, form, field)
  const shown = target?.fields.find((f) => f.key === field.field)
  if (!target || !shown || depth > 8) return sql`null::jsonb`
  const name = `l${depth}`
  const l = aliasAt('l', depth)
  const outer = sql.ref(alias)
  const id = sql`(${outer}.data->>${field.relation})`
  // a stored id that is not a uuid (an older version's value) matches nothing instead of failing the read
  return sql`(select ${valueSql(app, target, shown, name, depth + 1)} from record ${l}
    where ${l}.id = (case when ${id} ~ ${UUID} then ${id}::uuid end) and ${l}.app = ${outer}.app
      and ${l}.form = ${target.key} and ${l}.deleted_at is null and ${l}.is_draft = false)`
}

/** The aggregate over one summarized value, rendered as the wire renders a value of its kind. */
function aggregateSql(
  field: FieldDefinition,
  summed: FieldDefinition | undefined,
  s: string,
): RawBuilder<unknown> {
  const stored = sql`(${sql.ref(s)}.data->${summed?.key ?? ''})`
  const text = sql`(${sql.ref(s)}.data->>${summed?.key ?? ''})`
  if (field.op === 'count' || !summed) return sql`to_jsonb(count(*))`
  if (field.op === 'min' || field.op === 'max') {
    // the stored value itself (a date, a datetime in its stored form, a decimal string): nothing re-rendered
    const cast = NUMERIC.has(summed.type) ? 'numeric' : summed.type === 'date' ? 'date' : 'timestamptz'
    const order = field.op === 'min' ? sql`asc` : sql`desc`
    return sql`(array_agg(${stored} order by (${text})::${sql.raw(cast)} ${order}) filter (where ${text} is not null))[1]`
  }
  const number = sql`(${text})::numeric`
  const total = field.op === 'sum' ? sql`coalesce(sum(${number}), 0)` : sql`avg(${number})`
  if (summed.type === 'integer' || summed.type === 'rating')
    return field.op === 'sum'
      ? sql`to_jsonb(${total})`
      : sql`to_jsonb(round(${total}, ${field.decimals ?? 4})::text)`
  const scale =
    field.decimals ?? (summed.type === 'money' ? moneyScale(summed.decimals) : (summed.decimals ?? 4))
  // money keeps its scale ("1234.50"); number and percent are canonical, as their stored values are
  return summed.type === 'money'
    ? sql`to_jsonb(round(${total}, ${scale})::text)`
    : sql`to_jsonb(trim_scale(round(${total}, ${scale}))::text)`
}

function rollupSql(
  app: App,
  form: FormDefinition,
  field: FieldDefinition,
  alias: string,
  depth: number,
): RawBuilder<unknown> {
  const source = app.forms.find((f) => f.key === field.form)
  const via = source?.fields.find((f) => f.key === field.relation)
  if (!source || via?.type !== 'relation' || via.target !== form.key) return sql`null::jsonb`
  const summed = source.fields.find((f) => f.key === field.field)
  const name = `s${depth}`
  const s = aliasAt('s', depth)
  const sw = aliasAt('sw', depth)
  const outer = sql.ref(alias)
  // containment: the gin (jsonb_path_ops) index on data finds the related records
  const points = via.multiple
    ? sql`${s}.data @> jsonb_build_object(${via.key}::text, jsonb_build_array(${outer}.id::text))`
    : sql`${s}.data @> jsonb_build_object(${via.key}::text, ${outer}.id::text)`
  const where =
    field.where === undefined
      ? sql`true`
      : (logicToSql(field.where, source.fields, {}, { record: name, instance: `sw${depth}` }) ?? sql`false`)
  return sql`(select ${aggregateSql(field, summed, name)} from record ${s}
    left join workflow_instance ${sw} on ${sw}.record_id = ${s}.id and ${sw}.app = ${s}.app
    where ${points} and ${s}.app = ${outer}.app and ${s}.form = ${source.key}
      and ${s}.deleted_at is null and ${s}.is_draft = false and ${where})`
}

/** The lookups and rollups of `form` as SQL over `record r`; undefined when the form has none. */
export function linkedFieldsSql(app: App, form: FormDefinition): LinkedSql | undefined {
  const linked = form.fields.filter(isLinkedField)
  if (linked.length === 0) return undefined
  const pairs = linked.map((f) => sql`${f.key}::text, ${valueSql(app, form, f, 'r', 0)}`)
  const chunks: RawBuilder<unknown>[] = []
  for (let i = 0; i < pairs.length; i += CHUNK)
    chunks.push(sql`jsonb_build_object(${sql.join(pairs.slice(i, i + CHUNK))})`)
  const keys = sql`array[${sql.join(linked.map((f) => sql`${f.key}::text`))}]`
  return {
    source(field) {
      if (!isLinkedField(field)) return undefined
      const like = linkedValueField(app, form, field)
      return (
        like && {
          field: like,
          data: sql`jsonb_build_object(${field.key}::text, ${valueSql(app, form, field, 'r', 0)})`,
        }
      )
    },
    // a stale stored key of the same name (an older version's field) never shows through
    data: sql`((r.data - ${keys}::text[]) || jsonb_strip_nulls(${sql.join(chunks, sql` || `)}))`,
  }
}

/** One record's data with its linked values, read now (inside a transaction: as the transaction sees it). */
export async function readLinkedData(
  db: Kysely<Database>,
  app: App,
  form: FormDefinition,
  recordId: string,
): Promise<Record<string, unknown> | undefined> {
  const linked = linkedFieldsSql(app, form)
  if (!linked) return undefined
  const result = await sql<{ data: Record<string, unknown> }>`
    select ${linked.data} as data from record r where r.id = ${recordId}`.execute(db)
  return result.rows[0]?.data
}
