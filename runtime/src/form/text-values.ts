import { codePointLength } from '@tessera/schemas'
import type { Outcome, FieldRules } from './field-outcome.js'
import { invalid, value } from './field-outcome.js'
import {
  DEFAULT_MAX_LENGTH,
  EMAIL,
  EMAIL_MAX,
  PHONE,
  PHONE_MAX,
  URL,
  URL_MAX,
  whole,
} from './value-patterns.js'

const EMAIL_RE = whole(EMAIL)
const URL_RE = whole(URL)
const PHONE_RE = whole(PHONE)

/** Characters are code points (C1), as in ajv and Postgres varchar(n): "a😀b" is 3, "👍🏽ab" is 4. */
export const codePoints = codePointLength

function lengthProblem(s: string, min: number | undefined, max: number | undefined): Outcome | undefined {
  const n = codePoints(s)
  if (max !== undefined && n > max) return invalid('too_long', { limit: max, actual: n })
  if (min !== undefined && n < min) return invalid('too_short', { limit: min, actual: n })
  return undefined
}

/** text, textarea: stored as typed; length in code points, then the field's pattern. */
export function normalizeText(raw: unknown, rules: FieldRules): Outcome {
  if (typeof raw !== 'string') return invalid('type', { expected: 'text' })
  const def = rules.def
  const cap = def.type === 'textarea' ? DEFAULT_MAX_LENGTH.textarea : DEFAULT_MAX_LENGTH.text
  const problem = lengthProblem(raw, def.minLength, def.maxLength ?? cap)
  if (problem) return problem
  if (rules.pattern && !rules.pattern.test(raw)) return invalid('pattern')
  return value(raw)
}

// email, url, phone: the limit counts what was sent, as the browser's schema does; the value is stored trimmed.

/** email: trimmed, stored as typed (case kept for display; unique compares lower-cased). */
export function normalizeEmail(raw: unknown, rules: FieldRules): Outcome {
  if (typeof raw !== 'string') return invalid('type', { expected: 'text' })
  const s = raw.trim()
  const problem = lengthProblem(raw, undefined, rules.def.maxLength ?? EMAIL_MAX)
  if (problem) return problem
  if (!EMAIL_RE.test(s)) return invalid('email')
  if (rules.pattern && !rules.pattern.test(s)) return invalid('pattern')
  return value(s)
}

/** url: http or https only (a `javascript:` link in a record is an attack, not data). */
export function normalizeUrl(raw: unknown, rules: FieldRules): Outcome {
  if (typeof raw !== 'string') return invalid('type', { expected: 'text' })
  const s = raw.trim()
  const problem = lengthProblem(raw, undefined, rules.def.maxLength ?? URL_MAX)
  if (problem) return problem
  if (!URL_RE.test(s)) return invalid('url')
  if (rules.pattern && !rules.pattern.test(s)) return invalid('pattern')
  return value(s)
}

/** phone: digits with the separators people type; 5..20 digits; stored trimmed as typed. */
export function normalizePhone(raw: unknown, rules: FieldRules): Outcome {
  if (typeof raw !== 'string') return invalid('type', { expected: 'text' })
  const s = raw.trim()
  const problem = lengthProblem(raw, undefined, PHONE_MAX)
  if (problem) return problem
  if (!PHONE_RE.test(s)) return invalid('phone')
  if (rules.pattern && !rules.pattern.test(s)) return invalid('pattern')
  return value(s)
}
