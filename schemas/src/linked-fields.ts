import type { AppDefinition, FieldDefinition, FormDefinition } from './app-definition.js'

/** Lookup and rollup: computed from related records whenever they are read, never stored. */
export const isLinkedField = (f: Pick<FieldDefinition, 'type'>): boolean =>
  f.type === 'lookup' || f.type === 'rollup'

const formOf = (app: Pick<AppDefinition, 'forms'>, key: string | undefined): FormDefinition | undefined =>
  key === undefined ? undefined : app.forms.find((f) => f.key === key)

const fieldOf = (form: FormDefinition | undefined, key: string | undefined) =>
  key === undefined ? undefined : form?.fields.find((f) => f.key === key)

/** The form a lookup reads from: the target of its relation field. */
export function lookupTarget(
  app: Pick<AppDefinition, 'forms'>,
  form: FormDefinition,
  lookup: FieldDefinition,
): FormDefinition | undefined {
  const relation = fieldOf(form, lookup.relation)
  return relation?.type === 'relation' ? formOf(app, relation.target) : undefined
}

/**
 * The stored field whose kind of value a lookup or rollup answers with (its type, decimals, options
 * and currency): a lookup follows its chain to the end; a rollup count is an integer, sum, min, max
 * and avg keep the summarized field's type. Undefined when the definition is broken or loops.
 */
export function linkedValueField(
  app: Pick<AppDefinition, 'forms'>,
  form: FormDefinition,
  field: FieldDefinition,
  seen: ReadonlySet<string> = new Set(),
): FieldDefinition | undefined {
  if (field.type === 'rollup') {
    if (field.op === 'count') return { key: field.key, type: 'integer' }
    const source = fieldOf(formOf(app, field.form), field.field)
    if (!source || isLinkedField(source) || source.type === 'formula') return undefined
    return {
      ...source,
      key: field.key,
      ...(field.decimals !== undefined ? { decimals: field.decimals } : {}),
    }
  }
  if (field.type !== 'lookup') return field
  const id = `${form.key}.${field.key}`
  if (seen.has(id)) return undefined
  const target = lookupTarget(app, form, field)
  const shown = fieldOf(target, field.field)
  if (!target || !shown) return undefined
  const end = linkedValueField(app, target, shown, new Set([...seen, id]))
  return end && { ...end, key: field.key }
}
