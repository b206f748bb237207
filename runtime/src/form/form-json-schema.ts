import {
  ABSENT_BRANCH,
  type DecimalKeyword,
  type FieldDefinition,
  type FormDefinition,
  type JsonLogic,
  type RuleKeyword,
  type TemporalKeyword,
  decimalScale,
} from '@tessera/schemas'
import { isComputed } from './compile-level.js'
import { effectiveCondition } from './effective-condition.js'
import { labelOf } from './messages.js'
import {
  ADDRESS_PARTS,
  ADDRESS_PART_MAX,
  ADDRESS_REQUIRED,
  BAD_CHARACTER,
  DECIMAL,
  DEFAULT_MAX_LENGTH,
  EMAIL,
  EMAIL_MAX,
  ID,
  INTEGER,
  MAX_ROWS,
  PHONE,
  PHONE_MAX,
  URL,
  URL_MAX,
  padded,
} from './value-patterns.js'

type Schema = Record<string, unknown>

const NOT_BLANK = '\\S'
/** What prepare() treats as absent (C3): null, whitespace-only text, an empty list. */
const EMPTY: Schema = {
  $comment: ABSENT_BRANCH,
  anyOf: [{ type: 'null' }, { type: 'string', pattern: '^\\s*$' }, { type: 'array', maxItems: 0 }],
}
const BLANK_ROW: Schema = { $comment: ABSENT_BRANCH, type: 'object', additionalProperties: EMPTY }
// Characters prepare() refuses in any string (NUL, lone surrogates).
const STORABLE: Schema = { not: { pattern: BAD_CHARACTER } }
const idSchema: Schema = { type: 'string', pattern: `^(?:${ID})$`, ...STORABLE }

const decimal = (d: DecimalKeyword): Schema => {
  const keyword = Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined))
  return { tesseraDecimal: keyword }
}
const temporal = (t: TemporalKeyword): Schema => ({
  type: 'string',
  tesseraTemporal: Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)),
})
const str = (v: unknown) => (v === undefined ? undefined : String(v))
const enumOf = (f: FieldDefinition): Schema =>
  f.options && f.options.length > 0 ? { enum: f.options.map((o) => o.value) } : { not: {} }

/** The schema of a present (non-empty) value of one field: the same rules prepare() applies. */
function valueSchema(f: FieldDefinition, requiredHere: boolean): Schema {
  const withPattern = (s: Schema): Schema => ({
    ...s,
    ...STORABLE,
    ...(f.pattern ? { allOf: [{ pattern: f.pattern }] } : {}),
  })
  switch (f.type) {
    case 'text':
    case 'textarea':
      return withPattern({
        type: 'string',
        pattern: NOT_BLANK,
        maxLength: f.maxLength ?? DEFAULT_MAX_LENGTH[f.type],
        ...(f.minLength !== undefined ? { minLength: f.minLength } : {}),
      })
    case 'email':
      return withPattern({ type: 'string', pattern: padded(EMAIL), maxLength: f.maxLength ?? EMAIL_MAX })
    case 'url':
      return withPattern({ type: 'string', pattern: padded(URL), maxLength: f.maxLength ?? URL_MAX })
    case 'phone':
      return withPattern({ type: 'string', pattern: padded(PHONE), maxLength: PHONE_MAX })
    case 'number':
    case 'money':
    case 'percent':
      return {
        type: ['number', 'string'],
        anyOf: [{ type: 'number' }, { type: 'string', pattern: padded(DECIMAL) }],
        ...decimal({
          scale: decimalScale(f),
          min: str(f.min),
          max: str(f.max),
        }),
      }
    case 'integer':
    case 'rating': {
      const rating = f.type === 'rating'
      return {
        type: ['integer', 'string'],
        anyOf: [{ type: 'integer' }, { type: 'string', pattern: padded(INTEGER) }],
        ...decimal({
          integer: true,
          min: str(f.min ?? (rating ? 1 : undefined)),
          max: str(f.max ?? (rating ? 5 : undefined)),
        }),
      }
    }
    case 'date':
    case 'datetime':
      return temporal({ kind: f.type, min: str(f.min), max: str(f.max) })
    case 'select':
    case 'radio':
      return { type: 'string', ...enumOf(f) }
    case 'multiselect':
      return { type: 'array', minItems: 1, uniqueItems: true, items: enumOf(f) }
    case 'boolean':
      return { type: 'boolean' }
    case 'user':
    case 'relation':
      return f.multiple ? { type: 'array', minItems: 1, uniqueItems: true, items: idSchema } : idSchema
    case 'file':
    case 'image':
      return { type: 'array', minItems: 1, maxItems: f.maxFiles ?? 1, uniqueItems: true, items: idSchema }
    case 'address': {
      const part = {
        anyOf: [
          { $comment: ABSENT_BRANCH, type: 'null' },
          { type: 'string', maxLength: ADDRESS_PART_MAX, ...STORABLE },
        ],
      }
      return {
        type: 'object',
        properties: Object.fromEntries(ADDRESS_PARTS.map((p) => [p, part])),
        additionalProperties: false,
        ...(requiredHere
          ? {
              required: [...ADDRESS_REQUIRED],
              allOf: ADDRESS_REQUIRED.map((p) => ({
                properties: { [p]: { type: 'string', pattern: NOT_BLANK } },
              })),
            }
          : {}),
      }
    }
    case 'subform':
      // Blank rows are dropped by prepare(); a required subform needs one row that is not blank.
      return {
        type: 'array',
        maxItems: MAX_ROWS,
        items: { anyOf: [BLANK_ROW, objectSchema(f.fields ?? [])] },
        ...(requiredHere ? { contains: { not: BLANK_ROW } } : {}),
      }
    case 'formula':
    case 'serial':
    case 'lookup':
    case 'rollup':
      return {}
  }
}

const optional = (f: FieldDefinition): Schema => ({ anyOf: [EMPTY, valueSchema(f, false)] })
const ifThen = (condition: Schema, then: Schema): Schema => ({ if: condition, then })
const when = (logic: JsonLogic, onError: boolean, fields: readonly FieldDefinition[]): Schema => ({
  type: 'object',
  tesseraLogic: { logic: effectiveCondition(logic, fields), onError },
})

/**
 * The JSON Schema (2020-12) of one level (the form or a subform row). Unconditional fields sit in
 * `properties`/`required`; a field with visibleWhen is only constrained inside `if` its condition
 * holds (a hidden value is dropped, not rejected, C2); requiredWhen adds `required` under its
 * condition. Server-computed fields accept anything: the server ignores what a client sends.
 */
function objectSchema(fields: readonly FieldDefinition[]): Schema {
  const properties: Record<string, Schema | boolean> = {}
  const required: string[] = []
  const allOf: Schema[] = []
  for (const f of fields) {
    const title = labelOf(f.label, f.key).en
    if (isComputed(f)) {
      properties[f.key] = { title, readOnly: true }
      continue
    }
    const always = f.required === true
    if (f.visibleWhen === undefined) {
      properties[f.key] = { title, ...(always ? valueSchema(f, true) : optional(f)) }
      if (always) required.push(f.key)
    } else {
      properties[f.key] = { title }
      allOf.push(
        ifThen(when(f.visibleWhen, true, fields), {
          properties: { [f.key]: always ? valueSchema(f, true) : optional(f) },
          ...(always ? { required: [f.key] } : {}),
        }),
      )
    }
    if (f.requiredWhen !== undefined && !always) {
      const condition =
        f.visibleWhen === undefined ? f.requiredWhen : { and: [f.visibleWhen, f.requiredWhen] }
      allOf.push(
        ifThen(when(condition, false, fields), {
          properties: { [f.key]: valueSchema(f, true) },
          required: [f.key],
        }),
      )
    }
  }
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
    ...(allOf.length > 0 ? { allOf } : {}),
  }
}

/** A form rule, checked over the values as prepare() stores them (a failed evaluation fails it). */
const ruleSchema = (
  rule: NonNullable<FormDefinition['rules']>[number],
  fields: readonly FieldDefinition[],
) => {
  const keyword: RuleKeyword = {
    key: rule.key,
    logic: effectiveCondition(rule.check, fields),
    onError: false,
    message: labelOf(rule.message, rule.key),
    ...(rule.field !== undefined ? { field: rule.field } : {}),
  }
  return { tesseraRule: keyword }
}

/** The compiled form's JSON Schema, served to the browser next to the definition. */
export function formJsonSchema(form: FormDefinition): Schema {
  const level = objectSchema(form.fields)
  const rules = (form.rules ?? []).map((r) => ruleSchema(r, form.fields))
  const allOf = [...((level.allOf as Schema[] | undefined) ?? []), ...rules]
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: labelOf(form.title, form.key).en,
    ...level,
    ...(allOf.length > 0 ? { allOf } : {}),
  }
}
