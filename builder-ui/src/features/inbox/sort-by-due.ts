import type { RecordView } from '../../api/wire-types.js'

/** Soonest SLA first (overdue ones lead, most overdue first); records without an SLA follow, newest change first. */
export function sortByDue<R extends RecordView>(items: readonly R[], _now: number): R[] {
  return [...items].sort((a, b) => {
    const da = a.dueAt ? Date.parse(a.dueAt) : Number.POSITIVE_INFINITY
    const db = b.dueAt ? Date.parse(b.dueAt) : Number.POSITIVE_INFINITY
    if (da !== db) return da - db
    return Date.parse(b.updatedAt) - Date.parse(a.updatedAt)
  })
}
