import { type AppDefinition, type FieldDefinition, formulaKind } from '@tessera/schemas'
import { indexableColumn } from '../store/list-query.js'
import type { WantedListIndex } from '../store/list-index-store.js'

/** The field a sort orders by first (`-score,name` -> `score`). */
const sortKeyOf = (sort: string | undefined) => {
  const first = sort?.split(',')[0]?.trim()
  return first ? first.replace(/^[-+]/, '') : undefined
}

/**
 * The per-field list indexes an app wants (pure): the field each view sorts by first, the number
 * fields its views filter on, and the form's numeric formulas (a computed score is what a list is
 * most often ranked by). Only fields a btree can serve (see `indexableColumn`); system columns have
 * their own indexes. Not every field: each index costs every write of the form.
 */
export function listIndexPlan(app: AppDefinition): WantedListIndex[] {
  const wanted = new Map<string, WantedListIndex>()
  const want = (form: string, field: FieldDefinition | undefined, numericOnly = false) => {
    if (!field) return
    const column = indexableColumn(field)
    if (!column || (numericOnly && !column.numeric)) return
    wanted.set(`${form}\u0000${field.key}`, { form, field: field.key, column: column.expr })
  }
  const fieldOf = (form: string, key: string | undefined) =>
    key === undefined ? undefined : app.forms.find((f) => f.key === form)?.fields.find((f) => f.key === key)
  for (const view of app.views ?? []) {
    want(view.form, fieldOf(view.form, sortKeyOf(view.sort)))
    for (const key of Object.keys(view.filter ?? {})) want(view.form, fieldOf(view.form, key), true)
  }
  for (const form of app.forms)
    for (const field of form.fields)
      if (field.type === 'formula' && formulaKind(field) === 'number') want(form.key, field)
  return [...wanted.values()]
}
