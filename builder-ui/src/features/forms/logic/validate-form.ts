import type { FieldDefinition, FormDefinition } from '@tessera/schemas'
import Decimal from 'decimal.js'
import { codePointLength } from './code-points.js'
import { type FormData, type FormEvaluation, isEmptyValue } from './form-logic.js'

/** One problem found in the browser, before the server sees the data. */
export interface FieldIssue {
  /** top-level field key, or `subform/row/column` for a subform cell */
  path: string
  code: 'required' | 'minLength' | 'maxLength' | 'minimum' | 'maximum' | 'pattern' | 'format' | 'enum'
  params?: Record<string, string | number>
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
      out.push({ path, code: 'minLength', params: { n: f.minLength } })
    if (f.maxLength !== undefined && n > f.maxLength)
      out.push({ path, code: 'maxLength', params: { n: f.maxLength } })
    if (f.pattern !== undefined && safeRegExp(f.pattern)?.test(v) === false)
      out.push({ path, code: 'pattern' })
    if (f.type === 'email' && !EMAIL.test(v.trim()))
      out.push({ path, code: 'format', params: { format: 'email' } })
    if (f.type === 'url' && !isUrl(v.trim())) out.push({ path, code: 'format', params: { format: 'url' } })
  }
  if (['number', 'integer', 'money', 'percent', 'rating'].includes(f.type)) {
    let d: Decimal
    try {
      d = new Decimal(v as Decimal.Value)
    } catch {
      out.push({ path, code: 'format', params: { format: 'number' } })
      return
    }
    if (f.min !== undefined && d.lessThan(f.min))
      out.push({ path, code: 'minimum', params: { n: String(f.min) } })
    if (f.max !== undefined && d.greaterThan(f.max))
      out.push({ path, code: 'maximum', params: { n: String(f.max) } })
  }
  if ((f.type === 'select' || f.type === 'radio') && f.options && !f.options.some((o) => o.value === v))
    out.push({ path, code: 'enum' })
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
      out.push({ path: f.key, code: 'required' })
      continue
    }
    checkValue(f, v, f.key, out)
    if (f.type === 'subform' && Array.isArray(v)) {
      v.forEach((row: FormData, i) => {
        for (const c of f.fields ?? []) {
          const path = `${f.key}/${i}/${c.key}`
          if (c.required && isEmptyValue(row[c.key])) out.push({ path, code: 'required' })
          else checkValue(c, row[c.key], path, out)
        }
      })
    }
  }
  return out
}
