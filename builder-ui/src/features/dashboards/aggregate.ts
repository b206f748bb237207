import type { WidgetDefinition } from '@tessera/schemas'
import Decimal from 'decimal.js'
import type { RecordView } from '../../api/wire-types.js'

export interface Bucket {
  key: string
  value: string
  /** the second dimension of a server report (a funnel's source, a week's source) */
  group?: string
  /** the server's name for the key (a member's name) */
  label?: string
  /** a funnel step's conversion from the previous stage, 0..1 */
  rate?: number
  /** how many records the figure is over (an SLA's median: the answered entries) */
  count?: number
}

/** The value a record has for a group-by: a field, `state`, or `<datefield>:week|month|day`. */
export function groupValue(r: RecordView, groupBy: string | undefined): string {
  if (!groupBy) return ''
  const [field = '', grain] = groupBy.split(':')
  const raw =
    field === 'state'
      ? r.state
      : field === 'assignee'
        ? r.assignee
        : field === 'created_at'
          ? r.createdAt
          : r.data[field]
  if (raw === undefined || raw === null || raw === '') return ''
  if (grain) return bucketDate(String(raw), grain)
  return Array.isArray(raw) ? raw.join(', ') : String(raw)
}

/** ISO date of the Monday of the week, the month `YYYY-MM`, or the day. */
export function bucketDate(iso: string, grain: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  if (grain === 'month') return d.toISOString().slice(0, 7)
  if (grain === 'week') {
    const day = (d.getUTCDay() + 6) % 7
    d.setUTCDate(d.getUTCDate() - day)
  }
  return d.toISOString().slice(0, 10)
}

/**
 * Groups records and applies the widget's measure, decimal-exact (a sum of 0.10 and 0.20 is
 * "0.3", C5). Used when the server has no data route for a widget; the page says so.
 */
export function aggregate(
  records: readonly RecordView[],
  widget: Pick<WidgetDefinition, 'groupBy' | 'measure'>,
): Bucket[] {
  const op = widget.measure?.op ?? 'count'
  const field = widget.measure?.field
  const groups = new Map<string, Decimal[]>()
  for (const r of records) {
    const k = groupValue(r, widget.groupBy)
    const list = groups.get(k) ?? []
    if (op === 'count') list.push(new Decimal(1))
    else {
      const v = field ? r.data[field] : undefined
      try {
        if (v !== undefined && v !== null && v !== '') list.push(new Decimal(String(v)))
      } catch {
        // a non-numeric value does not count towards a sum
      }
    }
    groups.set(k, list)
  }
  const measure = (xs: Decimal[]): Decimal => {
    if (op === 'count' || op === 'sum') return xs.reduce((a, b) => a.plus(b), new Decimal(0))
    if (xs.length === 0) return new Decimal(0)
    if (op === 'avg') return xs.reduce((a, b) => a.plus(b), new Decimal(0)).div(xs.length)
    if (op === 'min') return Decimal.min(...xs)
    if (op === 'max') return Decimal.max(...xs)
    const s = [...xs].sort((a, b) => a.comparedTo(b))
    const mid = Math.floor(s.length / 2)
    return s.length % 2 ? s[mid]! : s[mid - 1]!.plus(s[mid]!).div(2)
  }
  return [...groups.entries()]
    .map(([key, xs]) => ({ key, value: measure(xs).toFixed() }))
    .sort((a, b) => a.key.localeCompare(b.key))
}

/** The total over all buckets, exact (a money sum stays a decimal string). */
export const sumBuckets = (buckets: readonly Bucket[]): string =>
  buckets.reduce((acc, b) => acc.plus(new Decimal(b.value)), new Decimal(0)).toFixed()
