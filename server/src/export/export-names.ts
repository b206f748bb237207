import type { Actor, Engine, RecordView, Store } from '@tessera/runtime'
import { createIdentityStore } from '@tessera/runtime'
import type { AppDefinition, FieldDefinition } from '@tessera/schemas'
import { displayFieldOf } from '../import/import-lookups.js'
import { textsById } from '../records/texts-by-id.js'
import { labelText, personText } from './cell-text.js'

/**
 * What a person reads in an exported cell instead of an internal key: people as `Name <email>`,
 * related records by their display field, states and options by their label. Each is a form the
 * import reads back (a member by name or e-mail, a record by its display field, an option by label),
 * so an export can be edited and imported again.
 */
export interface ExportNames {
  /** looks up the related records one page points at, before its rows are written */
  prefetch(records: RecordView[]): Promise<void>
  person(id: string | null): string | null
  /** a relation value (an id or a list of ids) as the related records' display texts */
  related(field: FieldDefinition, value: unknown): string | null
  state(key: string | null): string | null
  option(field: FieldDefinition, value: unknown): string | null
}

export interface ExportNamesOptions {
  engine: Engine
  store: Store
  app: AppDefinition
  form: string
  actor: Actor
  locale: string
  /** the exported fields: only their relations are looked up */
  fields: FieldDefinition[]
}

export async function createExportNames(options: ExportNamesOptions): Promise<ExportNames> {
  const { engine, app, actor, locale } = options
  const identity = createIdentityStore(options.store.db)
  const people = new Map<string, string>()
  for (const m of await identity.listMembers(app.key)) people.set(m.user.id, personText(m.user))
  // someone who left the app still owns records: read once, when a page names them
  const formerMembers = new Set<string>()

  const states = new Map<string, string>()
  const workflow = app.workflows?.find((w) => w.form === options.form)
  for (const s of workflow?.states ?? []) states.set(s.key, labelText(s.label, locale) ?? s.key)

  const relations = options.fields.filter((f) => f.type === 'relation' && f.target)
  /** per relation field: record id -> display text, for the ids this actor may read */
  const titles = new Map<string, Map<string, string>>(relations.map((f) => [f.key, new Map()]))
  const idsIn = (value: unknown): string[] =>
    (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string')

  return {
    async prefetch(records) {
      for (const record of records) {
        for (const id of [record.owner, record.assignee]) if (id && !people.has(id)) formerMembers.add(id)
        for (const f of options.fields)
          if (f.type === 'user')
            for (const id of idsIn(record.data[f.key])) if (!people.has(id)) formerMembers.add(id)
      }
      for (const id of formerMembers) {
        const user = await identity.getUser(id)
        people.set(id, user ? personText(user) : id)
      }
      formerMembers.clear()
      for (const field of relations) {
        const known = titles.get(field.key) as Map<string, string>
        const wanted = [...new Set(records.flatMap((r) => idsIn(r.data[field.key])))].filter(
          (id) => !known.has(id),
        )
        if (wanted.length === 0) continue
        const target = app.forms.find((f) => f.key === field.target)
        const by = displayFieldOf(field, target)
        // through the engine as this actor: a record they may not read keeps its id
        const texts = await textsById(engine, app.key, field.target as string, wanted, actor, (r) => {
          const text = r.data[by]
          return typeof text === 'string' || typeof text === 'number' ? String(text) : undefined
        })
        for (const [id, text] of texts) known.set(id, text)
      }
    },
    person: (id) => (id === null ? null : (people.get(id) ?? id)),
    related(field, value) {
      const ids = idsIn(value)
      if (ids.length === 0) return null
      const known = titles.get(field.key)
      return ids.map((id) => known?.get(id) ?? id).join('; ')
    },
    state: (key) => (key === null ? null : (states.get(key) ?? key)),
    option(field, value) {
      const values = Array.isArray(value) ? value : [value]
      const texts = values.map((v) => {
        const option = field.options?.find((o) => o.value === v)
        return (option && labelText(option.label, locale)) ?? String(v)
      })
      return texts.length ? texts.join('; ') : null
    },
  }
}
