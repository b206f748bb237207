import type { Actor, Engine, Store } from '@tessera/runtime'
import { normalizeMatch } from '@tessera/runtime'
import { type AppDefinition, type FormDefinition, recordTitle } from '@tessera/schemas'
import { textsById } from '../records/texts-by-id.js'

/** The record a row would duplicate under the app's duplicate rule: its id and what names it. */
export interface Holder {
  id: string
  title: string
}

/**
 * The app's duplicate rule for one form (`duplicates: [{form, field}]`), checked against what is
 * stored: which rows of a batch repeat a value an existing record holds (normalized as the engine
 * compares them: case, spacing, apostrophes), and the names of those records, read as the importer
 * (a record they may not read is named by its id).
 */
export function createDuplicateCheck(options: {
  engine: Engine
  store: Store
  app: AppDefinition
  form: FormDefinition
  actor: Actor
}) {
  const { engine, store, app, form, actor } = options
  const field = app.duplicates?.find((d) => d.form === form.key)?.field
  const key = field ? `~duplicate:${field}` : ''
  const titles = new Map<string, string>()

  /** Names records by their title, as this actor sees them; ids they may not read stay ids. */
  async function titlesOf(ids: string[]): Promise<Map<string, string>> {
    const wanted = ids.filter((id) => !titles.has(id))
    const found = await textsById(engine, app.key, form.key, wanted, actor, (r) => recordTitle(form, r.data))
    for (const [id, title] of found) titles.set(id, title)
    return titles
  }

  return {
    /** the field the rule compares, if the form has one */
    field,
    /** the existing record each value's row would duplicate, by the row's value */
    async holders(values: unknown[]): Promise<Map<string, Holder>> {
      const out = new Map<string, Holder>()
      if (!field) return out
      const normalized = [
        ...new Set(
          values.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map(normalizeMatch),
        ),
      ]
      if (normalized.length === 0) return out
      const rows = await store.db
        .selectFrom('unique_value')
        .select(['value', 'record_id'])
        .where('app', '=', app.key)
        .where('form', '=', form.key)
        .where('field', '=', key)
        .where('value', 'in', normalized)
        .execute()
      const named = await titlesOf(rows.map((r) => r.record_id))
      for (const r of rows)
        out.set(r.value, { id: r.record_id, title: named.get(r.record_id) ?? r.record_id })
      return out
    },
    /** the names of records the engine flagged rows as duplicating */
    titles: titlesOf,
    normalize: (v: unknown) => (typeof v === 'string' ? normalizeMatch(v) : undefined),
  }
}
