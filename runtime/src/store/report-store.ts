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
  /** created_at >= from */
  from?: Date
  /** created_at < to */
  to?: Date
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
  const parts = [whereClause(p)]
  if (q.from) parts.push(sql<SqlBool>`r.created_at >= ${at(q.from)}`)
  if (q.to) parts.push(sql<SqlBool>`r.created_at < ${at(q.to)}`)
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`
}

const FROM = sql`record r left join workflow_instance wi on wi.record_id = r.id`

interface Grouping {
  expr: RawBuilder<unknown>
  /** a member field: labelled by the user's name */
  user: boolean
}

function grouping(q: ReportQuery, groupBy: string | undefined): Grouping {
  if (!groupBy) return { expr: sql`''`, user: false }
  if (SYSTEM_GROUPS.has(groupBy)) {
    const expr =
      groupBy === 'state' ? sql`wi.state` : groupBy === 'owner' ? sql`r.owner::text` : sql`wi.assignee::text`
    return { expr, user: groupBy !== 'state' }
  }
  const field = q.hidden?.has(groupBy) ? undefined : q.fields.find((f) => f.key === groupBy)
  if (
    !field ||
    field.type === 'multiselect' ||
    field.type === 'subform' ||
    ('multiple' in field && field.multiple)
  )
    throw badRequest(
      `groupBy "${groupBy}" is not a single-valued field of ${q.form}`,
      `分组字段 "${groupBy}" 不是表单 ${q.form} 的单值字段`,
      { key: groupBy },
    )
  return { expr: sql`(r.data->>${groupBy})`, user: field.type === 'user' }
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

/** Lead workflow states that mean a lead reached a funnel stage (the CRM template's lead_flow). */
const STAGE_RANK: Record<string, number> = { qualified: 1, handed_off: 1, accepted: 2, converted: 3 }
export const FUNNEL_STAGES = ['lead', 'mql', 'sal', 'opportunity', 'won'] as const

const ratio = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 10000) / 10000)

/** Aggregates and named reports over records, in SQL, inside the caller's row scope. */
export const createReportStore = (db: Kysely<Database>) => ({
  /** Group records by a field (or `state`) and measure them; groups ordered by key. */
  async aggregate(
    q: ReportQuery,
    groupBy: string | undefined,
    measure: { op: MeasureOp; field?: string },
  ): Promise<SeriesPoint[]> {
    const g = grouping(q, groupBy)
    const value = measureSql(q, measure.op, measure.field)
    const result = await sql<{
      key: string | null
      label: string | null
      count: number
      value: number | string | null
    }>`
      select t.key, u.name as label, t.count, t.value
      from (select ${g.expr} as key, count(*)::int as count, ${value} as value
            from ${FROM} where ${scoped(q)} group by 1) t
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
   * lead -> MQL -> SAL -> opportunity -> won. "Reached" comes from the append-only events (a
   * transition's `to`, an `imported` record's state), so a lead returned to nurturing still counts
   * as having been an MQL; won is an opportunity linked to the lead that is in `won` now.
   */
  async leadFunnel(q: ReportQuery, groupBy?: string): Promise<SeriesPoint[]> {
    const g = grouping(q, groupBy)
    const rank = sql.join(
      Object.entries(STAGE_RANK).map(([state, n]) => sql`when ${state} then ${sql.lit(n)}`),
      sql` `,
    )
    const result = await sql<{
      key: string | null
      n: number
      mql: number
      sal: number
      opp: number
      won: number
    }>`
      with leads as (
        select r.id, r.data, ${g.expr} as key from ${FROM} where ${scoped(q)}
      ), ev as (
        -- one pass over the leads' events, not a lookup per lead (9,240 leads in the demo)
        select e.record_id, max(case e.to_state ${rank} else 0 end) as rank
        from event e join leads l on l.id = e.record_id where e.to_state is not null group by 1
      ), won as (
        select o.id::text as opportunity, o.data->>'lead' as lead
        from record o join workflow_instance owi on owi.record_id = o.id
        where o.app = ${q.app} and o.form = 'opportunity' and o.deleted_at is null and owi.state = 'won'
      ), reached as (
        select l.id, l.key,
          greatest(
            coalesce(ev.rank, 0),
            case when l.id::text in (select lead from won where lead is not null)
                   or l.data->>'converted_opportunity' in (select opportunity from won)
                 then 4 else 0 end
          ) as stage
        from leads l left join ev on ev.record_id = l.id
      )
      select key, count(*)::int as n,
        count(*) filter (where stage >= 1)::int as mql,
        count(*) filter (where stage >= 2)::int as sal,
        count(*) filter (where stage >= 3)::int as opp,
        count(*) filter (where stage >= 4)::int as won
      from reached group by key order by key nulls last`.execute(db)
    const points: SeriesPoint[] = []
    // ungrouped, the funnel always has its five stages, zero when the caller reads no leads
    const rows =
      result.rows.length > 0 || groupBy ? result.rows : [{ key: '', n: 0, mql: 0, sal: 0, opp: 0, won: 0 }]
    for (const row of rows) {
      const counts = [row.n, row.mql, row.sal, row.opp, row.won]
      FUNNEL_STAGES.forEach((stage, i) => {
        const value = counts[i] ?? 0
        points.push({
          key: stage,
          ...(groupBy ? { group: row.key ?? '' } : {}),
          value,
          count: value,
          // the step's conversion: share of the previous stage that reached this one
          ...(i > 0 ? { rate: ratio(value, counts[i - 1] ?? 0) } : {}),
        })
      })
    }
    return points
  },

  /**
   * Each `hand_off` event opens a handoff; the next event leaving handed_off answers it. Breached:
   * answered (or, unanswered, `now`) more than 24 hours after. Median hours count accepted ones only.
   */
  async handoffSla(q: ReportQuery, now: Date, slaHours = 24): Promise<SeriesPoint[]> {
    const result = await sql<{ handoffs: number; accepted: number; breached: number; median: number | null }>`
      with leads as (select r.id from ${FROM} where ${scoped(q)}),
      h as (
        select e.at as handed, a.at as answered, a.to_state
        from event e join leads l on l.id = e.record_id
        left join lateral (
          select x.at, x.to_state from event x
          where x.record_id = e.record_id and x.seq > e.seq and x.from_state = 'handed_off'
            and x.to_state is distinct from 'handed_off'
          order by x.seq limit 1
        ) a on true
        where e.transition = 'hand_off'
      )
      select count(*)::int as handoffs,
        count(*) filter (where to_state = 'accepted')::int as accepted,
        count(*) filter (where coalesce(answered, ${at(now)}) > handed + make_interval(hours => ${slaHours}))::int as breached,
        percentile_cont(0.5) within group (order by extract(epoch from answered - handed) / 3600)
          filter (where to_state = 'accepted') as median
      from h`.execute(db)
    const row = result.rows[0] ?? { handoffs: 0, accepted: 0, breached: 0, median: null }
    const median = row.median === null ? null : Math.round(Number(row.median) * 100) / 100
    return [
      { key: 'median_hours_to_accept', value: median ?? 0, count: row.accepted },
      {
        key: 'breached_share',
        value: ratio(row.breached, row.handoffs),
        count: row.breached,
        rate: ratio(row.breached, row.handoffs),
      },
      { key: 'handoffs', value: row.handoffs, count: row.handoffs },
    ]
  },

  /** Count of `return` transitions by the reason given in them (the feedback operations act on). */
  async returnReasons(q: ReportQuery): Promise<SeriesPoint[]> {
    const result = await sql<{ key: string | null; n: number }>`
      with leads as (select r.id, r.data from ${FROM} where ${scoped(q)})
      select coalesce(e.diff->'return_reason'->>1, l.data->>'return_reason') as key, count(*)::int as n
      from event e join leads l on l.id = e.record_id
      where e.transition = 'return' group by 1 order by 2 desc, 1`.execute(db)
    return result.rows.map((r) => ({ key: r.key ?? '', value: r.n, count: r.n }))
  },

  /** Records per week (Monday, in the app's time zone) and per value of `groupBy`. */
  async perWeek(q: ReportQuery, groupBy: string | undefined, timeZone: string): Promise<SeriesPoint[]> {
    const g = grouping(q, groupBy)
    const result = await sql<{ week: string; key: string | null; n: number }>`
      select to_char(date_trunc('week', r.created_at at time zone ${timeZone}), 'YYYY-MM-DD') as week,
        ${g.expr} as key, count(*)::int as n
      from ${FROM} where ${scoped(q)} group by 1, 2 order by 1, 2 nulls last`.execute(db)
    return result.rows.map((r) => ({
      key: r.week,
      ...(groupBy ? { group: r.key ?? '' } : {}),
      value: r.n,
      count: r.n,
    }))
  },

  /** A money field summed by the `region` attribute of the member in a user field (a rep's region). */
  async sumByMemberRegion(q: ReportQuery, userField: string, field: string): Promise<SeriesPoint[]> {
    const f = numericField(q, field, 'sum')
    const result = await sql<{ key: string | null; n: number; value: string }>`
      select m.attributes->>'region' as key, count(*)::int as n,
        coalesce(sum((r.data->>${f.key})::numeric), 0)::text as value
      from ${FROM} left join membership m on m.app = r.app and m.user_id::text = r.data->>${userField}
      where ${scoped(q)} group by 1 order by 1 nulls last`.execute(db)
    return result.rows.map((r) => ({ key: r.key ?? '', value: r.value, count: r.n }))
  },
})

export type ReportStore = ReturnType<typeof createReportStore>
