import type { FormDefinition, Problem } from '@tessera/schemas'

/** How a submission is prepared: who writes what, and in which mode. */
export interface PrepareContext {
  mode: 'create' | 'update' | 'draft'
  /** stored data: merged under the input for update (and when resuming a draft) */
  existing?: Record<string, unknown>
  /** fields this actor may write now (state permissions). A non-writable field sent with a new
   * value is an error `readonly`; server-computed ones (formula, serial, readOnly) are ignored. */
  writable?: (key: string) => boolean
  /** extra required keys (state `required`, transition `requires`) */
  required?: readonly string[]
  /** values the server itself sets (a `set` action, an import of history), for any field including
   * readOnly and serial: validated like the rest, not subject to `writable`. Formulas are always computed. */
  serverValues?: Record<string, unknown>
  now?: Date
  timeZone?: string
}

export interface RelationRef {
  /** JSON pointer of the value, e.g. `/account` or `/items/3/product` */
  path: string
  /** the field key; a subform column is `items.product` */
  field: string
  target: string
  ids: string[]
}
export interface UserRef {
  path: string
  field: string
  ids: string[]
}
export interface FileRef {
  path: string
  field: string
  ids: string[]
  /** the field's limits, for the engine's metadata check */
  accept?: string[]
  maxSize?: number
}

/** What only the database can check; the engine checks these in its transaction. */
export interface FormRefs {
  /** for update: only fields whose value changes (a deleted target does not block other edits) */
  relations: RelationRef[]
  users: UserRef[]
  files: FileRef[]
  /** every unique field with a value after this change, normalized (trim, NFC, email lower-cased) */
  unique: { field: string; value: string }[]
  /** serial field keys to assign (create only) */
  serials: string[]
}

export interface PrepareResult {
  ok: boolean
  /** normalized, hidden dropped, formulas computed (merged over existing for update) */
  data: Record<string, unknown>
  /** all problems at once, in field order */
  errors: Problem[]
  refs: FormRefs
}

export interface CompiledForm {
  form: FormDefinition
  /** JSON Schema 2020-12 of the data a client may send (and of stored data), with if/then for
   * requiredWhen/visibleWhen; served to the browser so both validate alike. Uses the keywords of
   * `addFormKeywords` from @tessera/schemas (decimal, date and condition checks). */
  jsonSchema: Record<string, unknown>
  prepare(input: unknown, ctx: PrepareContext): PrepareResult
  /** ajv over `jsonSchema` (compiled on first use): the browser's answer, computed on the server. */
  validateSchema(input: unknown): boolean
  /** the validator as a JavaScript module for the browser (ajv standalone code, generated on first use) */
  validatorModule(): string
}
