import type { FieldDefinition } from '@tessera/schemas'
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely'
import { TesseraError } from '../errors.js'
import type { Database } from './database.js'
import { type ListParams, type ListScope, whereClause } from './list-query.js'

/** One point of a widget's figures: counts are JSON numbers, money and decimals decimal strings. */
export interface SeriesPoint {
  key: string
  label?: string
  /** a second dimension (the source of a funnel by source, the source of a week) */
  group?: string
  value: number | string
  count?: number
  rate?: number
}

/** Which records a report reads: the list query's filter language and row scope, plus a date range. */
export interface ReportQuery {
  app: string
  form: string
  fields: FieldDefinition[]
  filter?: Record<string, unknown>
  scope?: ListScope
  hidden?: ReadonlySet<string>
  /** the date (or datetime) field `from`/`to` bound; without it, the record's creation */
  dateField?: string
  /** dateField (or created_at) >= from */
  from?: Date
  /** dateField (or created_at) < to */
  to?: Date
  /** records whose user field's member has this attribute value (a rep's region) */
  memberWhere?: MemberCondition[]
}

/** `field` (a user field) names a member of the app whose `attribute` equals `value`. */
export interface MemberCondition {
  field: string
  attribute: string
  value: string
}

export type MeasureOp = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'median'

const NUMERIC_TYPES = new Set(['number', 'integer', 'money', 'percent', 'rating'])
const SYSTEM_GROUPS = new Set(['state', 'owner', 'assignee'])

const badRequest = (en: string, zh: string, details: Record<string, unknown>) =>
  new TesseraError('BAD_REQUEST', { 'zh-CN': zh, en }, details)

/** The list query's where clause (filter, scope, drafts and deletions) with the report's date range. */
function scoped(q: ReportQuery): RawBuilder<SqlBool> {
  const p: ListParams = {
    app: q.app,
    form: q.form,
    fields: q.fields,
    ...(q.filter ? { filter: q.filter } : {}),
    ...(q.scope ? { scope: q.scope } : {}),
    ...(q.hidden ? { hidden: q.hidden } : {}),
  }
  const parts = [whereClause(p), ...rangeOf(q)]
  for (const m of q.memberWhere ?? []) parts.push(memberIs(q, m))
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`
}

/** The range on `dateField`: a date field compares whole days, a datetime field and created_at instants. */
function rangeOf(q: ReportQuery): RawBuilder<SqlBool>[] {
  const key = q.dateField ?? 'created_at'
  const system = SYSTEM_TIMES[key]
  const field = system ? undefined : q.hidden?.has(key) ? undefined : q.fields.find((f) => f.key === key)
  if (!system && field?.type !== 'date' && field?.type !== 'datetime')
    throw badRequest(
      `dateField "${key}" is not a date or datetime field of ${q.form}`,
      `日期字段 "${key}" 不是表单 ${q.form} 的日期或日期时间字段`,
      { key },
    )
  const day = (d: Date) => sql`cast(${d.toISOString().slice(0, 10)} as date)`
  const [x, bound] =
    field?.type === 'date'
      ? [sql`(r.data->>${key})::date`, day]
      : [system ?? sql`(r.data->>${key})::timestamptz`, at]
  const parts: RawBuilder<SqlBool>[] = []
  if (q.from) parts.push(sql<SqlBool>`${x} >= ${bound(q.from)}`)
  if (q.to) parts.push(sql<SqlBool>`${x} < ${bound(q.to)}`)
  return parts
}

function memberIs(q: ReportQuery, m: MemberCondition): RawBuilder<SqlBool> {
  const field = q.hidden?.has(m.field) ? undefined : q.fields.find((f) => f.key === m.field)
  if (field?.type !== 'user')
    throw badRequest(
      `"${m.field}" is not a user field of ${q.form}`,
      `"${m.field}" 不是表单 ${q.form} 的成员字段`,
      { key: m.field },
    )
  return sql<SqlBool>`exists (select 1 from membership mf where mf.app = r.app
    and mf.user_id::text = (r.data->>${m.field}) and mf.attributes->>${m.attribute} = ${m.value})`
}

const FROM = sql`record r left join workflow_instance wi on wi.record_id = r.id and wi.app = r.app`

interface Grouping {
  expr: RawBuilder<unknown>
  /** a member field: labelled by the user's name */
  user: boolean
  /** grouping by a member's attribute joins that member's membership as `m` */
  join?: RawBuilder<unknown>
}

const notSingleValued = (q: ReportQuery, groupBy: string) =>
  badRequest(
    `groupBy "${groupBy}" is not a single-valued field of ${q.form}`,
    `分组字段 "${groupBy}" 不是表单 ${q.form} 的单值字段`,
    { key: groupBy },
  )

function grouping(q: ReportQuery, groupBy: string | undefined, memberAttribute?: string): Grouping {
  if (!groupBy) return { expr: sql`''`, user: false }
  let g: Grouping
  if (SYSTEM_GROUPS.has(groupBy)) {
    const expr =
      groupBy === 'state' ? sql`wi.state` : groupBy === 'owner' ? sql`r.owner::text` : sql`wi.assignee::text`
    g = { expr, user: groupBy !== 'state' }
  } else {
    const field = q.hidden?.has(groupBy) ? undefined : q.fields.find((f) => f.key === groupBy)
    if (
      !field ||
      field.type === 'multiselect' ||
      field.type === 'subform' ||
      ('multiple' in field && field.multiple)
    )
      throw notSingleValued(q, groupBy)
    g = { expr: sql`(r.data->>${groupBy})`, user: field.type === 'user' }
  }
  if (memberAttribute === undefined) return g
  if (!g.user)
    throw badRequest(
      `memberAttribute needs groupBy to be a user field; "${groupBy}" is not one`,
      `memberAttribute 需要按成员字段分组，"${groupBy}" 不是`,
      { key: groupBy },
    )
  return {
    expr: sql`(m.attributes->>${memberAttribute})`,
    user: false,
    join: sql`left join membership m on m.app = r.app and m.user_id::text = ${g.expr}`,
  }
}

function numericField(q: ReportQuery, key: string | undefined, op: MeasureOp): FieldDefinition {
  const field = key && !q.hidden?.has(key) ? q.fields.find((f) => f.key === key) : undefined
  if (!field || !NUMERIC_TYPES.has(field.type))
    throw badRequest(
      `measure ${op} needs a numeric field of ${q.form}, got "${key ?? ''}"`,
      `度量 ${op} 需要表单 ${q.form} 的数值字段，而不是 "${key ?? ''}"`,
      { key: key ?? 'measure' },
    )
  return field
}

/**
 * `numeric` keeps sums of money exact; an average or median is rounded to the field's decimals
 * (money 2) because their exact digits are noise. percentile_cont works in double precision.
 */
function measureSql(q: ReportQuery, op: MeasureOp, key: string | undefined): RawBuilder<unknown> {
  if (op === 'count') return sql`count(*)::int`
  const field = numericField(q, key, op)
  const x = sql`(r.data->>${field.key})::numeric`
  const scale = field.decimals ?? (field.type === 'money' ? 2 : 4)
  if (op === 'sum') return sql`coalesce(sum(${x}), 0)::text`
  if (op === 'min') return sql`min(${x})::text`
  if (op === 'max') return sql`max(${x})::text`
  if (op === 'avg') return sql`round(avg(${x}), ${sql.lit(scale)})::text`
  return sql`round((percentile_cont(0.5) within group (order by ${x}))::numeric, ${sql.lit(scale)})::text`
}

const at = (d: Date) => sql`cast(${d.toISOString()} as timestamptz)`

/** A funnel stage as the report reads it: a linked stage names its relation's target form. */
export interface FunnelStageQuery {
  key: string
  states?: readonly string[]
  linked?: { field: string; form: string; states: readonly string[] }
}

/** A state's service level: entries into `state`, breached after `after` (ISO 8601), median to `goal`. */
export interface SlaQuery {
  state: string
  goal: string
  after: string
}

export type Bucket = 'day' | 'week' | 'month'
const BUCKETS: ReadonlySet<string> = new Set<Bucket>(['day', 'week', 'month'])
const SYSTEM_TIMES: Record<string, RawBuilder<unknown>> = {
  created_at: sql`r.created_at`,
  updated_at: sql`r.updated_at`,
}

const inList = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`))

const ratio = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 10000) / 10000)

/** Aggregates and named reports over records, in SQL, inside the caller's row scope. */
export const createReportStore = (db: Kysely<Database>) => ({
  /** Group records by a field (or `state`) and measure them; groups ordered by key. */
  async aggregate(
    q: ReportQuery,
    groupBy: string | undefined,
    measure: { op: MeasureOp; field?: string },
    memberAttribute?: string,
  ): Promise<SeriesPoint[]> {
    const g = grouping(q, groupBy, memberAttribute)
    const value = measureSql(q, measure.op, measure.field)
    const result = await sql<{
      key: string | null
      label: string | null
      count: number
      value: number | string | null
    }>`
      select t.key, u.name as label, t.count, t.value
      from (select ${g.expr} as key, count(*)::int as count, ${value} as value
            from ${FROM} ${g.join ?? sql``} where ${scoped(q)} group by 1) t
      left join app_user u on ${g.user ? sql`u.id::text = t.key` : sql`false`}
      order by t.key nulls last`.execute(db)
    // ungrouped, a measure over no records is one point: a count of 0, a sum of "0", no min or max
    const rows =
      result.rows.length > 0 || groupBy
        ? result.rows
        : [
            {
              key: '',
              label: null,
              count: 0,
              value: measure.op === 'count' ? 0 : measure.op === 'sum' ? '0' : null,
            },
          ]
    return rows.map((row) => ({
      key: row.key ?? '',
      ...(row.label ? { label: row.label } : {}),
      value: row.value ?? (measure.op === 'count' ? 0 : '0'),
      count: row.count,
    }))
  },

  /**
   * Records through `stages`. "Entered" comes from the append-only events (a transition's `to`, an
   * `imported` record's state), so a lead returned to nurturing still counts as having been an MQL;
   * a linked stage is reached while the record its relation points to is in one of its states. A
   * record that reached a stage counts in every stage before it; each step's rate is the share of
   * the previous stage that reached it.
   */
  async funnel(
    q: ReportQuery,
    stages: readonly FunnelStageQuery[],
    groupBy?: string,
  ): Promise<SeriesPoint[]> {
    const g = grouping(q, groupBy)
    const byState = stages.flatMap((stage, i) =>
      stage.states && stage.states.length > 0
        ? [sql`when e.to_state in (${inList(stage.states)}) then ${sql.lit(i)}`]
        : [],
    )
    // the highest stage wins when a state is listed in two
    const rank = byState.length > 0 ? sql`case ${sql.join(byState.reverse(), sql` `)} else 0 end` : sql`0`
    const linked = stages.flatMap((stage, i) => {
      const l = stage.linked
      if (!l) return []
      const reached = sql`select o.id::text from record o join workflow_instance owi on owi.record_id = o.id and owi.app = o.app
        where o.app = ${q.app} and o.form = ${l.form} and o.deleted_at is null and owi.state in (${inList(l.states)})`
      return [sql`case when l.data->>${l.field} in (${reached}) then ${sql.lit(i)} else 0 end`]
    })
    const counts = sql.join(
      stages.map((_, i) => sql`count(*) filter (where stage >= ${sql.lit(i)})::int as ${sql.ref(`s${i}`)}`),
      sql`, `,
    )
    const result = await sql<{ key: string | null } & Record<string, number>>`
      with records as (
        select r.id, r.data, ${g.expr} as key from ${FROM} where ${scoped(q)}
      ), ev as (
        -- one pass over the records' events, not a lookup per record (9,240 leads in the demo)
        select e.record_id, max(${rank}) as rank
        from event e join records l on l.id = e.record_id where e.to_state is not null group by 1
      ), reached as (
        select l.key, greatest(coalesce(ev.rank, 0), ${sql.join([sql`0`, ...linked], sql`, `)}) as stage
        from records l left join ev on ev.record_id = l.id
      )
      select key, ${counts}
      from reached group by key order by key nulls last`.execute(db)
    const points: SeriesPoint[] = []
    // ungrouped, the funnel always has its stages, zero when the caller reads no records
    const rows: Record<string, unknown>[] = result.rows.length > 0 || groupBy ? result.rows : [{ key: '' }]
    for (const row of rows) {
      const counts = stages.map((_, i) => Number(row[`s${i}`] ?? 0))
      stages.forEach((stage, i) => {
        const value = counts[i] ?? 0
        points.push({
          key: stage.key,
          ...(groupBy ? { group: String(row.key ?? '') } : {}),
          value,
          count: value,
          ...(i > 0 ? { rate: ratio(value, counts[i - 1] ?? 0) } : {}),
        })
      })
    }
    return points
  },

  /**
   * Each entry into `sla.state` from another state opens one; the next event leaving it answers it.
   * Breached: answered (or, unanswered, `now`) later than `after` after the entry. The median
   * counts the answers that went to `goal`, in hours.
   */
  async sla(q: ReportQuery, sla: SlaQuery, now: Date): Promise<SeriesPoint[]> {
    const result = await sql<{ entries: number; met: number; breached: number; median: number | null }>`
      with records as (select r.id from ${FROM} where ${scoped(q)}),
      h as (
        select e.at as entered, a.at as answered, a.to_state
        from event e join records l on l.id = e.record_id
        left join lateral (
          select x.at, x.to_state from event x
          where x.record_id = e.record_id and x.seq > e.seq and x.from_state = ${sla.state}
            and x.to_state is distinct from ${sla.state}
          order by x.seq limit 1
        ) a on true
        where e.to_state = ${sla.state} and e.from_state is distinct from ${sla.state}
      )
      select count(*)::int as entries,
        count(*) filter (where to_state = ${sla.goal})::int as met,
        count(*) filter (where coalesce(answered, ${at(now)}) > entered + cast(${sla.after} as interval))::int as breached,
        percentile_cont(0.5) within group (order by extract(epoch from answered - entered) / 3600)
          filter (where to_state = ${sla.goal}) as median
      from h`.execute(db)
    const row = result.rows[0] ?? { entries: 0, met: 0, breached: 0, median: null }
    const median = row.median === null ? null : Math.round(Number(row.median) * 100) / 100
    return [
      { key: 'median_hours', value: median ?? 0, count: row.met },
      {
        key: 'breached_share',
        value: ratio(row.breached, row.entries),
        count: row.breached,
        rate: ratio(row.breached, row.entries),
      },
      { key: 'entries', value: row.entries, count: row.entries },
    ]
  },

  /** How often `transition` was taken, by the value of `groupBy` given in it (else the record's). */
  async transitions(q: ReportQuery, transition: string, groupBy?: string): Promise<SeriesPoint[]> {
    if (groupBy) grouping(q, groupBy)
    const key = groupBy ? sql`coalesce(e.diff->${groupBy}->>1, l.data->>${groupBy})` : sql`''`
    const result = await sql<{ key: string | null; n: number }>`
      with records as (select r.id, r.data from ${FROM} where ${scoped(q)})
      select ${key} as key, count(*)::int as n
      from event e join records l on l.id = e.record_id
      where e.transition = ${transition} group by 1 order by 2 desc, 1`.execute(db)
    return result.rows.map((r) => ({ key: r.key ?? '', value: r.n, count: r.n }))
  },

  /**
   * Records per period (a day, a Monday-started week, a month, in `timeZone`) of a date or datetime
   * field or `created_at`, and per value of `groupBy`; records without that date are left out.
   */
  async timeSeries(
    q: ReportQuery,
    time: { field?: string; bucket: Bucket },
    groupBy: string | undefined,
    timeZone: string,
  ): Promise<SeriesPoint[]> {
    const g = grouping(q, groupBy)
    if (!BUCKETS.has(time.bucket))
      throw badRequest(
        `bucket "${time.bucket}" is not day, week or month`,
        `时间粒度 "${time.bucket}" 不是 day、week 或 month`,
        {
          key: 'bucket',
        },
      )
    const when = timeOf(q, time.field ?? 'created_at', timeZone)
    const result = await sql<{ period: string; key: string | null; n: number }>`
      select to_char(date_trunc(${time.bucket}, ${when}), 'YYYY-MM-DD') as period,
        ${g.expr} as key, count(*)::int as n
      from ${FROM} where ${scoped(q)} and ${when} is not null group by 1, 2 order by 1, 2 nulls last`.execute(
      db,
    )
    return result.rows.map((r) => ({
      key: r.period,
      ...(groupBy ? { group: r.key ?? '' } : {}),
      value: r.n,
      count: r.n,
    }))
  },
})

/** A record's date as a local timestamp: a system time or a date/datetime field checked against the form. */
function timeOf(q: ReportQuery, key: string, timeZone: string): RawBuilder<unknown> {
  const system = SYSTEM_TIMES[key]
  if (system) return sql`(${system} at time zone ${timeZone})`
  const field = q.hidden?.has(key) ? undefined : q.fields.find((f) => f.key === key)
  if (field?.type === 'date') return sql`(r.data->>${key})::date::timestamp`
  if (field?.type === 'datetime') return sql`((r.data->>${key})::timestamptz at time zone ${timeZone})`
  throw badRequest(
    `"${key}" is not a date or datetime field of ${q.form}`,
    `"${key}" 不是表单 ${q.form} 的日期或日期时间字段`,
    { key },
  )
}

export type ReportStore = ReturnType<typeof createReportStore>
