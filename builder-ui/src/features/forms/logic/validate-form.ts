import {
  type DecimalKeyword,
  type FieldDefinition,
  type FormDefinition,
  type MessageParams,
  type ProblemCode,
  decimalProblem,
  decimalScale,
  fieldParams,
} from '@tessera/schemas'
import { codePointLength } from './code-points.js'
import { type FormData, type FormEvaluation, isEmptyValue } from './form-logic.js'

/** One problem found in the browser, before the server sees the data. */
export interface FieldIssue {
  /** top-level field key, or `subform/row/column` for a subform cell */
  path: string
  /** the server's problem code, so the message is the one the server (and the main form) words */
  code: ProblemCode
  params?: MessageParams
}

/** The exact decimal rules of a numeric field, as the server's compiled schema has them. */
function decimalRules(f: FieldDefinition): DecimalKeyword | undefined {
  const str = (v: number | string | undefined) => (v === undefined ? undefined : String(v))
  if (f.type === 'number' || f.type === 'money' || f.type === 'percent')
    return {
      scale: decimalScale(f),
      min: str(f.min),
      max: str(f.max),
    }
  if (f.type === 'integer' || f.type === 'rating') {
    const rating = f.type === 'rating'
    return {
      integer: true,
      min: str(f.min ?? (rating ? 1 : undefined)),
      max: str(f.max ?? (rating ? 5 : undefined)),
    }
  }
  return undefined
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function checkValue(f: FieldDefinition, v: unknown, path: string, out: FieldIssue[]) {
  if (isEmptyValue(v)) return
  if (
    typeof v === 'string' &&
    (f.type === 'text' ||
      f.type === 'textarea' ||
      f.type === 'email' ||
      f.type === 'phone' ||
      f.type === 'url')
  ) {
    const n = codePointLength(f.type === 'textarea' ? v : v.trim())
    if (f.minLength !== undefined && n < f.minLength)
      out.push({ path, code: 'too_short', params: { limit: f.minLength, actual: n } })
    if (f.maxLength !== undefined && n > f.maxLength)
      out.push({ path, code: 'too_long', params: { limit: f.maxLength, actual: n } })
    if (f.pattern !== undefined && safeRegExp(f.pattern)?.test(v) === false)
      out.push({ path, code: 'pattern' })
    if (f.type === 'email' && !EMAIL.test(v.trim())) out.push({ path, code: 'email' })
    if (f.type === 'url' && !isUrl(v.trim())) out.push({ path, code: 'url' })
  }
  const rules = decimalRules(f)
  if (rules) {
    // the very check the server's validator runs: scale (decimal places), whole numbers, bounds
    const bad =
      typeof v === 'number' || typeof v === 'string'
        ? decimalProblem(rules, typeof v === 'string' ? v.trim() : v)
        : { code: rules.integer ? ('integer' as const) : ('number' as const) }
    if (bad) {
      const { code, ...params } = bad
      out.push({ path, code, ...(Object.keys(params).length > 0 ? { params } : {}) })
    }
  }
  if ((f.type === 'select' || f.type === 'radio') && f.options && !f.options.some((o) => o.value === v))
    out.push({ path, code: 'option', params: fieldParams(f, { options: '' }) })
}

// A pattern comes from the definition (an admin wrote it); a broken one must not break the form.
function safeRegExp(p: string): RegExp | null {
  try {
    return new RegExp(p, 'u')
  } catch {
    return null
  }
}

function isUrl(s: string) {
  try {
    const u = new URL(s)
    return u.protocol === 'http:' || u.protocol === 'https:'
  } catch {
    return false
  }
}

/** A missing value, worded as the server words it: a choice asks to choose (请选择). */
const required = (f: FieldDefinition, path: string): FieldIssue => {
  const params = fieldParams(f)
  return { path, code: 'required', ...(Object.keys(params).length > 0 ? { params } : {}) }
}

/**
 * The field rules that can be checked without the compiled schema: required (and requiredWhen),
 * length in code points, bounds, pattern, option lists, subform rows. The server and ajv check
 * the same rules; this layer makes the messages appear while typing.
 */
export function validateForm(form: FormDefinition, ev: FormEvaluation): FieldIssue[] {
  const out: FieldIssue[] = []
  for (const f of form.fields) {
    if (!ev.visible.has(f.key)) continue
    const v = ev.data[f.key]
    if (ev.required.has(f.key) && isEmptyValue(v)) {
      out.push(required(f, f.key))
      continue
    }
    checkValue(f, v, f.key, out)
    if (f.type === 'subform' && Array.isArray(v)) {
      v.forEach((row: FormData, i) => {
        for (const c of f.fields ?? []) {
          const path = `${f.key}/${i}/${c.key}`
          if (c.required && isEmptyValue(row[c.key])) out.push(required(c, path))
          else checkValue(c, row[c.key], path, out)
        }
      })
    }
  }
  return out
}
