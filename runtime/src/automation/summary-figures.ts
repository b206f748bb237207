import type { AppDefinition, Label, NotifySummary } from '@tessera/schemas'
import { type Kysely, sql } from 'kysely'
import { Duration } from 'luxon'
import type { Database, RecordRow } from '../store/database.js'
import { holds, recordScope } from './automation-trigger.js'

export interface FigureValue {
  key: string
  label?: Label
  /** a count, or a percentage with one decimal for a ratio (null when its denominator is 0) */
  total: number | null
  /** a ratio's total is a percentage */
  unit?: 'percent'
  /** per value of `groupBy` (absent values under `""`) */
  groups?: Record<string, number>
  /** what people call a group: a select option's or a state's label, where it has one */
  groupLabels?: Record<string, Label>
}

export interface SummaryValue {
  from: string
  to: string
  figures: FigureValue[]
}

type Row = RecordRow & { state: string | null }

/** Records of a form whose creation, update or datetime field falls in [from, to): the period filter runs in SQL. */
async function recordsWithin(
  db: Kysely<Database>,
  app: string,
  form: string,
  within: string,
  from: Date,
  to: Date,
) {
  let q = db
    .selectFrom('record')
    .leftJoin('workflow_instance', 'workflow_instance.record_id', 'record.id')
    .selectAll('record')
    .select('workflow_instance.state')
    .where('record.app', '=', app)
    .where('record.form', '=', form)
    .where('record.deleted_at', 'is', null)
    .where('record.is_draft', '=', false)
  if (within === 'created_at' || within === 'updated_at')
    q = q.where(`record.${within}`, '>=', from).where(`record.${within}`, '<', to)
  else
    q = q
      .where(sql<boolean>`(record.data->>${within}) is not null`)
      .where(sql<boolean>`(record.data->>${within})::timestamptz >= ${from}`)
      .where(sql<boolean>`(record.data->>${within})::timestamptz < ${to}`)
  return (await q.execute()) as Row[]
}

/** Records of a form that took a transition in [from, to), each counted once. */
async function recordsThrough(
  db: Kysely<Database>,
  app: string,
  form: string,
  transition: string,
  from: Date,
  to: Date,
) {
  const rows = await db
    .selectFrom('record')
    .leftJoin('workflow_instance', 'workflow_instance.record_id', 'record.id')
    .selectAll('record')
    .select('workflow_instance.state')
    .where('record.app', '=', app)
    .where('record.form', '=', form)
    .where('record.deleted_at', 'is', null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('event')
          .select('event.id')
          .whereRef('event.record_id', '=', 'record.id')
          .whereRef('event.app', '=', 'record.app')
          .where('event.type', '=', 'transition')
          .where('event.transition', '=', transition)
          .where('event.at', '>=', from)
          .where('event.at', '<', to),
      ),
    )
    .execute()
  return rows as Row[]
}

const groupValue = (v: unknown) =>
  v === undefined || v === null ? '' : Array.isArray(v) ? v.join(',') : String(v)

/**
 * The labels of the groups a figure found: a select's option labels or the workflow's state labels
 * (a multi-select group `a,b` reads as both labels). Groups with no label keep their value.
 */
function groupLabelsOf(
  app: AppDefinition,
  form: string,
  groupBy: string,
  groups: string[],
): Record<string, Label> {
  const named = new Map<string, Label>()
  if (groupBy === 'state') {
    const states = app.workflows?.find((w) => w.form === form)?.states ?? []
    for (const s of states) if (s.label !== undefined) named.set(s.key, s.label)
  } else {
    const field = app.forms.find((f) => f.key === form)?.fields.find((f) => f.key === groupBy)
    for (const o of field?.options ?? []) if (o.label !== undefined) named.set(o.value, o.label)
  }
  const labels: Record<string, Label> = {}
  for (const group of groups) {
    const parts = group === '' ? [] : group.split(',')
    if (!parts.some((p) => named.has(p))) continue
    labels[group] = joinLabels(parts.map((p) => named.get(p) ?? p))
  }
  return labels
}

/** Several labels as one, per language. */
function joinLabels(labels: Label[]): Label {
  if (labels.every((l) => typeof l === 'string')) return labels.join(', ')
  return {
    en: labels.map((l) => text(l, '', 'en')).join(', '),
    'zh-CN': labels.map((l) => text(l, '', 'zh-CN')).join('、'),
  }
}

/**
 * Computes a notify action's summary over the period that ends now (e.g. the last 7 days before a
 * Monday 09:00 run): counts from store queries, `where` and `groupBy` over the matched records.
 */
export async function computeSummary(
  db: Kysely<Database>,
  app: AppDefinition,
  summary: NotifySummary,
  now: Date,
  timeZone: string,
): Promise<SummaryValue> {
  const to = now
  const from = new Date(now.getTime() - Duration.fromISO(summary.period).as('milliseconds'))
  const totals = new Map<string, number | null>()
  const figures: FigureValue[] = []
  for (const f of summary.figures) {
    const label = f.label !== undefined ? { label: f.label } : {}
    if ('ratio' in f && f.ratio) {
      const [a, b] = f.ratio
      const num = totals.get(a) ?? null
      const den = totals.get(b) ?? null
      const total = num === null || !den ? null : Math.round((num / den) * 1000) / 10
      totals.set(f.key, total)
      figures.push({ key: f.key, ...label, total, unit: 'percent' })
      continue
    }
    if (!('form' in f) || !f.form) continue
    const rows = f.transition
      ? await recordsThrough(db, app.key, f.form, f.transition, from, to)
      : await recordsWithin(db, app.key, f.form, f.within ?? 'created_at', from, to)
    const matched = rows.filter((r) => holds(f.where, recordScope(r, r.state), now, timeZone))
    const value: FigureValue = { key: f.key, ...label, total: matched.length }
    if (f.groupBy) {
      const groups: Record<string, number> = {}
      for (const r of matched) {
        const g = groupValue(f.groupBy === 'state' ? r.state : r.data[f.groupBy])
        groups[g] = (groups[g] ?? 0) + 1
      }
      value.groups = groups
      const labels = groupLabelsOf(app, f.form, f.groupBy, Object.keys(groups))
      if (Object.keys(labels).length > 0) value.groupLabels = labels
    }
    totals.set(f.key, matched.length)
    figures.push(value)
  }
  return { from: from.toISOString(), to: to.toISOString(), figures }
}

const text = (label: Label | undefined, key: string, lang: 'en' | 'zh-CN') =>
  label === undefined
    ? key
    : typeof label === 'string'
      ? label
      : (label[lang] ?? label.en ?? Object.values(label)[0] ?? key)

/** The summary as lines a person reads in a message, in one language. */
export function summaryLines(summary: SummaryValue, lang: 'en' | 'zh-CN'): string[] {
  return summary.figures.map((f) => {
    const total = f.total === null ? '—' : String(f.total)
    const unit = f.unit === 'percent' && f.total !== null ? '%' : ''
    const groups = f.groups
      ? ` (${Object.entries(f.groups)
          .sort((a, b) => b[1] - a[1])
          .map(
            ([g, n]) =>
              `${g === '' ? (lang === 'en' ? 'none' : '无') : text(f.groupLabels?.[g], g, lang)} ${n}`,
          )
          .join(', ')})`
      : ''
    return `${text(f.label, f.key, lang)}: ${total}${unit}${groups}`
  })
}
