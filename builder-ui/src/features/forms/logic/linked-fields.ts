import {
  type AppDefinition,
  type FieldAccess,
  type FieldDefinition,
  type FormDefinition,
  isLinkedField,
  linkedValueField,
} from '@tessera/schemas'
import type { FormData } from './form-logic.js'

/** The app's forms, all a lookup or rollup needs to know what it shows. */
export type AppForms = Pick<AppDefinition, 'forms'>

/**
 * How a lookup or rollup reads: as the stored field its value comes from (type, options, decimals,
 * currency), under its own key and label, so a select lookup shows option labels and a money rollup
 * money. A broken definition reads as text. Any other field is itself.
 */
export function shownAs(
  app: AppForms | undefined,
  form: FormDefinition,
  field: FieldDefinition,
): FieldDefinition {
  if (!isLinkedField(field)) return field
  const like = app ? linkedValueField(app, form, field) : undefined
  const {
    fill: _fill,
    required: _required,
    default: _default,
    ...rest
  } = like ?? { key: field.key, type: 'text' }
  return { ...rest, key: field.key, label: field.label, help: field.help, readOnly: true }
}

/** `shownAs` for every field of the form, by key. */
export function shownFields(app: AppForms | undefined, form: FormDefinition): Map<string, FieldDefinition> {
  return new Map(form.fields.map((f) => [f.key, shownAs(app, form, f)]))
}

/** The related record a lookup reads, as the form holds it now: an id, or undefined. */
export function lookupSource(
  form: FormDefinition,
  lookup: FieldDefinition,
  value: FormData,
): string | undefined {
  if (lookup.type !== 'lookup') return undefined
  const relation = form.fields.find((f) => f.key === lookup.relation)
  if (relation?.type !== 'relation' || relation.multiple) return undefined
  const id = value[relation.key]
  return typeof id === 'string' && id !== '' ? id : undefined
}

/** Whether the person may write a field in this form now: the fields `fill` may change. */
export function isWritable(field: FieldDefinition, access: Record<string, FieldAccess>): boolean {
  const a = access[field.key] ?? (field.readOnly ? 'read' : 'edit')
  return (a === 'edit' || a === 'required') && !field.readOnly && !COMPUTED.has(field.type)
}
const COMPUTED: ReadonlySet<string> = new Set(['formula', 'serial', 'lookup', 'rollup'])

/**
 * Data linkage, as the server does it (runtime engine/fill-linked.ts): choosing `chosen` in a relation
 * with `fill` gives each mapped field the chosen record's value, or clears it when that record has
 * none, so nothing of a previous choice lingers. A field the person typed into keeps their value (the
 * server, too, keeps a value that is sent: a list price may be negotiated), and so does one they may
 * not write. Answers the same object when nothing changes.
 */
export function applyFill(
  form: FormDefinition,
  relation: FieldDefinition,
  chosen: Record<string, unknown>,
  value: FormData,
  typed: ReadonlySet<string>,
  writable: (field: FieldDefinition) => boolean,
): FormData {
  if (relation.type !== 'relation' || relation.multiple || !relation.fill) return value
  let out = value
  for (const [into, from] of Object.entries(relation.fill)) {
    const field = form.fields.find((f) => f.key === into)
    if (!field || typed.has(into) || !writable(field)) continue
    const next = chosen[from]
    if (JSON.stringify(next) === JSON.stringify(out[into])) continue
    if (out === value) out = { ...value }
    if (next === undefined || next === null) delete out[into]
    else out[into] = next
  }
  return out
}
