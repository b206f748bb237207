import type {
  AppDefinition,
  FieldDefinition,
  FieldOption,
  FieldType,
  FormDefinition,
  Label,
} from '@tessera/schemas'
import { keyFromLabel } from '../logic/key-from-label.js'

/** Where a new field lands: its form and the app's forms, so a lookup or rollup starts wired up. */
export interface NewFieldContext {
  form: FormDefinition
  app: Pick<AppDefinition, 'forms'>
  /** the builder's language: a first money field's currency follows it */
  lang?: string
}

/** The currency the app's money fields already use, else the builder language's (CNY for zh-CN, else USD). */
function defaultCurrency(context: NewFieldContext | undefined): string {
  for (const f of context?.app.forms.flatMap((x) => x.fields) ?? [])
    if (f.type === 'money' && f.currency) return f.currency
  return context?.lang === 'zh-CN' ? 'CNY' : 'USD'
}

/** The two options a new choice field starts with, until the admin gives real ones. */
export const PLACEHOLDER_OPTIONS: readonly FieldOption[] = [
  { value: 'option_1', label: { 'zh-CN': '选项 1', en: 'Option 1' } },
  { value: 'option_2', label: { 'zh-CN': '选项 2', en: 'Option 2' } },
]

/** The relations of other forms (or this one) that point at `form`: what a rollup can summarize. */
export function rollupSources(app: Pick<AppDefinition, 'forms'>, form: string) {
  return app.forms.flatMap((source) =>
    source.fields
      .filter((f) => f.type === 'relation' && f.target === form)
      .map((relation) => ({ form: source, relation })),
  )
}

/** The single-value relations of a form: what a lookup can follow. */
export const lookupRelations = (form: FormDefinition) =>
  form.fields.filter((f) => f.type === 'relation' && !f.multiple)

function linkedStart(type: 'lookup' | 'rollup', ctx: NewFieldContext | undefined): Partial<FieldDefinition> {
  if (!ctx) return type === 'rollup' ? { op: 'count' } : {}
  if (type === 'rollup') {
    const source = rollupSources(ctx.app, ctx.form.key)[0]
    return source ? { form: source.form.key, relation: source.relation.key, op: 'count' } : { op: 'count' }
  }
  const relation = lookupRelations(ctx.form)[0]
  const target = ctx.app.forms.find((f) => f.key === relation?.target)
  const shown = target?.fields.find((f) => f.key === relation?.display) ?? target?.fields[0]
  return relation ? { relation: relation.key, ...(shown ? { field: shown.key } : {}) } : {}
}

/**
 * A new field of a type as the palette drops it: a label in both languages, a key generated from
 * it, and the settings the type cannot do without (options for choices, a format for serials).
 */
export function newField(
  type: FieldType,
  label: Label,
  taken: Iterable<string>,
  context?: NewFieldContext,
): FieldDefinition {
  const field: FieldDefinition = { key: keyFromLabel(label, taken, type), type, label }
  switch (type) {
    case 'select':
    case 'multiselect':
    case 'radio':
      return {
        ...field,
        options: PLACEHOLDER_OPTIONS.map((o) => ({ ...o })),
      }
    case 'money':
      return { ...field, currency: defaultCurrency(context), decimals: 2 }
    case 'serial':
      return { ...field, format: 'NO-{YYYY}-{000000}', readOnly: true }
    case 'formula':
      return { ...field, expression: 0, readOnly: true }
    case 'rating':
      return { ...field, max: 5 }
    case 'subform':
      return { ...field, fields: [] }
    case 'image':
      return { ...field, accept: ['image/*'] }
    case 'lookup':
    case 'rollup':
      return { ...field, ...linkedStart(type, context) }
    default:
      return field
  }
}
