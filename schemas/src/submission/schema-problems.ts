import type { ErrorObject } from 'ajv'
import type { FieldDefinition, Problem } from '../app-definition.js'
import type { KeywordProblem, RuleKeyword } from '../logic/form-checks.js'
import { codePointLength, isEmptyValue } from '../logic/logic-values.js'
import { badCharacterAt } from './stored-characters.js'
import {
  type Both,
  type Expectation,
  type MessageParams,
  type ProblemCode,
  cellLabelOf,
  fieldParams,
  labelOf,
  messageFor,
  optionsText,
  rowLabelOf,
} from './submission-messages.js'

/** `$comment` of the schema branches that accept an absent value; their failures are no finding. */
export const ABSENT_BRANCH = 'tessera:absent'

type Schema = Record<string, unknown>
type Finding = { suffix: string; code: ProblemCode; params?: MessageParams }

// Which problem prepare() reports first when a value breaks several rules (its normalizers' order).
const ORDER: readonly ProblemCode[] = [
  'required',
  'invalid_character',
  'type',
  'too_many',
  'too_long',
  'too_short',
  'number',
  'integer',
  'unsafe_integer',
  'scale',
  'min',
  'max',
  'date',
  'datetime',
  'email',
  'url',
  'phone',
  'reference',
  'option',
  'duplicate',
  'pattern',
  'unknown_field',
]

const decodeSegment = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~')
const encodeSegment = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1')
const segments = (pointer: string) => pointer.split('/').slice(1).map(decodeSegment)
const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Whether an error comes from inside a branch that accepts an absent value (its failure is expected). */
function throughAbsent(root: Schema, schemaPath: string): boolean {
  let node: unknown = root
  for (const s of segments(schemaPath.replace(/^#/, ''))) {
    if (isObject(node) && node.$comment === ABSENT_BRANCH) return true
    node = Array.isArray(node) ? node[Number(s)] : isObject(node) ? node[s] : undefined
    if (node === undefined) return false
  }
  return isObject(node) && node.$comment === ABSENT_BRANCH
}

const valueAt = (v: unknown, suffix: string[]): unknown =>
  suffix.reduce<unknown>((at, s) => (isObject(at) || Array.isArray(at) ? (at as Schema)[s] : undefined), v)

const TEXT_KINDS = new Set(['text', 'textarea', 'email', 'url', 'phone'])
const DECIMAL_KINDS = new Set(['number', 'money', 'percent'])
const INTEGER_KINDS = new Set(['integer', 'rating'])
const ID_LISTS = new Set(['file', 'image'])

function typeFinding(f: FieldDefinition, suffix: string): Finding {
  const atItem = suffix !== ''
  const t = f.type
  const type = (expected: Expectation): Finding => ({ suffix, code: 'type', params: { expected } })
  if (TEXT_KINDS.has(t)) return type('text')
  if (DECIMAL_KINDS.has(t)) return { suffix, code: 'number' }
  if (INTEGER_KINDS.has(t)) return { suffix, code: 'integer' }
  if (t === 'date' || t === 'datetime') return { suffix, code: t }
  if (t === 'select' || t === 'radio') return { suffix, code: 'option', params: { options: optionsText(f) } }
  if (t === 'multiselect')
    return atItem ? { suffix, code: 'option', params: { options: optionsText(f) } } : type('list')
  if (t === 'boolean') return type('boolean')
  if (ID_LISTS.has(t) || ((t === 'user' || t === 'relation') && f.multiple))
    return atItem ? { suffix, code: 'reference' } : type('ids')
  if (t === 'user' || t === 'relation') return type('id')
  if (t === 'address') return atItem ? type('text') : type('address')
  return type('rows')
}

/** The first index of a list that repeats an earlier item, as prepare() scans it. */
function firstRepeat(list: unknown): string {
  if (!Array.isArray(list)) return ''
  const seen = new Set<string>()
  for (const [i, item] of list.entries()) {
    const k = JSON.stringify(item)
    if (seen.has(k)) return `/${i}`
    seen.add(k)
  }
  return ''
}

/** One ajv error at (or inside) a field's value, in prepare()'s terms; undefined when it says nothing new. */
function toFinding(
  f: FieldDefinition,
  e: ErrorObject,
  suffix: string[],
  value: unknown,
): Finding | undefined {
  const at = suffix.map((s) => `/${encodeSegment(s)}`).join('')
  const params = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'required':
    case 'contains':
    case 'minItems':
      return { suffix: at, code: 'required' }
    case 'additionalProperties':
      return {
        suffix: `${at}/${encodeSegment(String(params.additionalProperty))}`,
        code: 'unknown_field',
        params: { key: String(params.additionalProperty) },
      }
    case 'not':
      // the storable-characters rule fails on any non-string too; pick() finds bad characters itself
      return f.type === 'select' || f.type === 'radio' || f.type === 'multiselect'
        ? typeFinding(f, at)
        : undefined
    case 'type':
    case 'enum':
      return typeFinding(f, at)
    case 'pattern':
      if (params.pattern === '\\S') return { suffix: at, code: 'required' }
      if (e.schemaPath.endsWith('/allOf/0/pattern')) return { suffix: at, code: 'pattern' }
      if (f.type === 'email' || f.type === 'url' || f.type === 'phone') return { suffix: at, code: f.type }
      if (f.type === 'user' || f.type === 'relation' || ID_LISTS.has(f.type))
        return { suffix: at, code: 'reference' }
      return typeFinding(f, at)
    case 'maxLength':
    case 'minLength': {
      const actual = codePointLength(String(valueAt(value, suffix) ?? ''))
      const code = e.keyword === 'maxLength' ? 'too_long' : 'too_short'
      return { suffix: at, code, params: { limit: Number(params.limit), actual } }
    }
    case 'uniqueItems':
      return { suffix: firstRepeat(value), code: 'duplicate' }
    case 'maxItems':
      return {
        suffix: at,
        code: 'too_many',
        params: { limit: Number(params.limit), actual: Array.isArray(value) ? value.length : 0 },
      }
    case 'tesseraDecimal':
    case 'tesseraTemporal': {
      const { code, ...rest } = params.problem as KeywordProblem
      return { suffix: at, code, params: rest }
    }
    default:
      return undefined
  }
}

const itemIndex = (suffix: string) => (suffix === '' ? -1 : Number(suffix.split('/')[1]) || 0)
const rank = (x: Finding) => itemIndex(x.suffix) * 100 + ORDER.indexOf(x.code)

/** What prepare() reports for one field whose value the schema refused, from the schema's errors. */
function pick(f: FieldDefinition, value: unknown, findings: Finding[]): Finding[] {
  // an address of blank parts is no address (prepare() drops it), unless a part is not an address part
  const blankAddress =
    f.type === 'address' &&
    isObject(value) &&
    Object.values(value).every(isEmptyValue) &&
    !findings.some((x) => x.code === 'unknown_field')
  if (isEmptyValue(value) || blankAddress) return [{ suffix: '', code: 'required' }]
  const bad = f.type === 'subform' ? undefined : badCharacterAt(value)
  if (bad !== undefined) return [{ suffix: bad, code: 'invalid_character' }]
  if (f.type === 'address') {
    const wrong = findings.find((x) => x.code === 'type' && x.suffix === '')
    if (wrong) return [wrong]
    // every part's problem at once, then (only when there are none) the required parts
    const parts = findings.filter((x) => x.code !== 'required')
    const order = Object.keys(value as Schema)
    const byPart = (x: Finding) => order.indexOf(decodeSegment(x.suffix.slice(1)))
    const chosen = parts.length > 0 ? parts : findings.filter((x) => x.suffix !== '')
    const unique = [...new Map(chosen.map((x) => [`${x.suffix} ${x.code}`, x])).values()]
    return parts.length > 0 ? unique.sort((a, b) => byPart(a) - byPart(b)) : unique
  }
  if (findings.length === 0) return []
  return [findings.reduce((best, x) => (rank(x) < rank(best) ? x : best))]
}

interface Target {
  path: string
  label: Both
  field?: FieldDefinition
  suffix: string[]
}

/** Which field (or subform row) a data pointer falls on, with the label prepare() words it with. */
function locate(
  fields: readonly FieldDefinition[],
  segs: string[],
  prefix = '',
  row?: Both,
): Target | undefined {
  const [key, ...rest] = segs
  const f = fields.find((x) => x.key === key)
  if (!f) return undefined
  const own = labelOf(f.label, f.key)
  const label = row ? cellLabelOf(row, own) : own
  const path = `${prefix}/${encodeSegment(f.key)}`
  if (f.type === 'subform' && rest.length > 0) {
    const rowLabel = rowLabelOf(label, Number(rest[0]))
    if (rest.length === 1) return { path: `${path}/${rest[0]}`, label: rowLabel, suffix: [] }
    return locate(f.fields ?? [], rest.slice(1), `${path}/${rest[0]}`, rowLabel)
  }
  return { path, label, field: f, suffix: rest }
}

/** The problems one validator run reports, worded as prepare() words them. */
function wordErrors(
  fields: readonly FieldDefinition[],
  errors: readonly ErrorObject[],
  data: unknown,
  schema: Schema,
): Problem[] {
  const general: Problem[] = []
  const byTarget = new Map<string, { target: Target; findings: Finding[] }>()
  for (const e of errors) {
    if (e.keyword === 'anyOf' || e.keyword === 'if' || e.keyword === 'tesseraRule') continue
    if (throughAbsent(schema, e.schemaPath)) continue
    const params = e.params as Record<string, unknown>
    const segs = segments(e.instancePath)
    if (e.keyword === 'required') segs.push(String(params.missingProperty))
    const target = locate(fields, segs)
    if (e.keyword === 'additionalProperties' && !target?.field) {
      const key = String(params.additionalProperty)
      const path = `${e.instancePath}/${encodeSegment(key)}`
      general.push({
        path,
        code: 'unknown_field',
        message: messageFor('unknown_field', { 'zh-CN': key, en: key }, { key }),
      })
      continue
    }
    if (!target) continue
    const entry = byTarget.get(target.path) ?? { target, findings: [] }
    byTarget.set(target.path, entry)
    const value = valueAt(data, segments(target.path))
    if (!target.field) {
      // a subform row that is not an object
      if (e.keyword === 'type')
        entry.findings.push({ suffix: '', code: 'type', params: { expected: 'object' } })
      continue
    }
    const finding = toFinding(target.field, e, target.suffix, value)
    if (finding) entry.findings.push(finding)
  }
  const out = [...general]
  for (const { target, findings } of byTarget.values()) {
    const value = valueAt(data, segments(target.path))
    const chosen = target.field ? pick(target.field, value, findings) : findings.slice(0, 1)
    for (const x of chosen) {
      const label = x.code === 'unknown_field' && !target.field ? { 'zh-CN': '', en: '' } : target.label
      const params = target.field ? fieldParams(target.field, x.params) : x.params
      out.push({ path: target.path + x.suffix, code: x.code, message: messageFor(x.code, label, params) })
    }
  }
  const order = new Map(fields.map((f, i) => [`/${encodeSegment(f.key)}`, i]))
  const top = (p: Problem) => order.get(/^\/[^/]*/.exec(p.path)?.[0] ?? '') ?? -1
  return out.sort((a, b) => top(a) - top(b))
}

/** A form's validator with the JSON Schema it was generated from (what a validator module gives). */
export interface SchemaValidator {
  validate: ((data: unknown) => boolean) & { errors?: readonly ErrorObject[] | null }
  schema: Schema
}

/** The first form rule a run found broken, worded with its own message (rules run on valid values only). */
function brokenRule(errors: readonly ErrorObject[]): Problem[] {
  const rule = errors.find((e) => e.keyword === 'tesseraRule')?.params.rule as RuleKeyword | undefined
  if (!rule) return []
  const path = rule.field === undefined ? '/' : `/${encodeSegment(rule.field)}`
  return [{ path, code: 'rule', message: messageFor('rule', rule.message) }]
}

const topKey = (path: string) => decodeSegment(/^\/([^/]*)/.exec(path)?.[1] ?? '')

/**
 * The problems prepare() would report for the data a client is about to send, worded as it words
 * them (zh-CN and en), found by the form's validator (ajv, `allErrors`). prepare() drops invalid
 * values before it evaluates conditions and required rules; so when some values are invalid, the
 * data is checked again without them, and each invalid field alone beside them (it counts only
 * while visible).
 * Not here: what only the server knows (references, unique values, the actor's write rights) and
 * formula errors.
 */
export function schemaProblems(
  fields: readonly FieldDefinition[],
  validator: SchemaValidator,
  data: Record<string, unknown>,
): Problem[] {
  const run = (d: Record<string, unknown>) =>
    validator.validate(d) ? [] : wordErrors(fields, validator.validate.errors ?? [], d, validator.schema)
  const first = run(data)
  if (first.length === 0) return brokenRule(validator.validate.errors ?? [])
  const known = new Set(fields.map((f) => f.key))
  const invalid = new Set(
    first.filter((p) => p.code !== 'required' && known.has(topKey(p.path))).map((p) => topKey(p.path)),
  )
  if (invalid.size === 0) return first
  const valid = Object.fromEntries(Object.entries(data).filter(([k]) => !invalid.has(k)))
  // An invalid field counts while it is visible over the valid values: the schema constrains it
  // only then, so checking it alone beside them tells (conditions read values as stored).
  const kept = [...invalid].flatMap((key) =>
    run({ ...valid, [key]: data[key] }).filter((p) => topKey(p.path) === key),
  )
  const rest = run(valid).filter((p) => !invalid.has(topKey(p.path)))
  const order = new Map(fields.map((f, i) => [f.key, i]))
  const rank = (p: Problem) => order.get(topKey(p.path)) ?? -1
  return [...rest, ...kept].sort((a, b) => rank(a) - rank(b))
}
