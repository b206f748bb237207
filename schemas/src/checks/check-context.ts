import type {
  AppDefinition,
  FieldDefinition,
  FormDefinition,
  LocalizedMessage,
  Problem,
} from '../app-definition.js'
import type { SemanticCode } from '../problem-codes.js'
import { didYouMean } from '../did-you-mean.js'
import { childPointer, localized, pointer, problem } from '../problems.js'

/** A field with where it sits; `parent` is the subform holding it, if any. */
export interface FieldEntry {
  field: FieldDefinition
  path: string
  parent?: FieldEntry
}

export interface FormEntry {
  form: FormDefinition
  path: string
  /** top-level fields by key (first occurrence wins; duplicates are reported by the key check). */
  fields: Map<string, FieldEntry>
}

/** What every semantic check reads: the shape-valid definition indexed by key, and a problem sink. */
export interface CheckContext {
  app: AppDefinition
  forms: Map<string, FormEntry>
  roles: Set<string>
  /** the platform's department keys, when the caller knows them (the server does; `tessera check` does not) */
  departments?: ReadonlySet<string>
  /** the state keys of the workflow governing a form, if one does */
  statesOf(form: string): string[] | undefined
  report(path: string, code: SemanticCode, message: LocalizedMessage): void
}

export type Check = (ctx: CheckContext) => void

/** What the verifier may know beyond the definition. */
export interface VerifyOptions {
  /** the platform's department keys: a rule naming another is `unknown_department` */
  departments?: Iterable<string>
}

/** `form 'x' does not exist`, suggesting the closest form key. */
export function unknownFormMessage(
  ctx: CheckContext,
  key: string,
  what: [string, string] = ['表单', 'form'],
) {
  const guess = didYouMean(key, ctx.forms.keys())
  return localized(
    `${what[0]} '${key}' 不存在${guess ? `（是否想写 '${guess}'？）` : ''}`,
    `${what[1]} '${key}' does not exist${guess ? ` (did you mean '${guess}'?)` : ''}`,
  )
}

export function indexFields(
  fields: FieldDefinition[],
  path: string,
  parent?: FieldEntry,
): Map<string, FieldEntry> {
  const index = new Map<string, FieldEntry>()
  fields.forEach((field, i) => {
    if (!index.has(field.key))
      index.set(field.key, { field, path: childPointer(path, i), ...(parent ? { parent } : {}) })
  })
  return index
}

/** Every field of a form, subform columns included, depth first. */
export function* allFields(
  fields: FieldDefinition[],
  path: string,
  parent?: FieldEntry,
): Generator<FieldEntry> {
  for (const [i, field] of fields.entries()) {
    const entry: FieldEntry = { field, path: childPointer(path, i), ...(parent ? { parent } : {}) }
    yield entry
    if (field.type === 'subform' && field.fields)
      yield* allFields(field.fields, childPointer(entry.path, 'fields'), entry)
  }
}

export function createContext(
  app: AppDefinition,
  problems: Problem[],
  options: VerifyOptions = {},
): CheckContext {
  const forms = new Map<string, FormEntry>()
  app.forms.forEach((form, i) => {
    const path = pointer('forms', i)
    if (!forms.has(form.key))
      forms.set(form.key, { form, path, fields: indexFields(form.fields, childPointer(path, 'fields')) })
  })
  const states = new Map<string, string[]>()
  for (const wf of app.workflows ?? [])
    if (!states.has(wf.form))
      states.set(
        wf.form,
        wf.states.map((s) => s.key),
      )
  return {
    app,
    forms,
    statesOf: (form) => states.get(form),
    roles: new Set(app.roles.map((r) => r.key)),
    ...(options.departments ? { departments: new Set(options.departments) } : {}),
    report: (path, code, message) => problems.push(problem(path, code, message)),
  }
}
