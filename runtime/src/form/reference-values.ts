import type { FieldRules, Outcome } from './field-outcome.js'
import { invalid, value } from './field-outcome.js'
import { ID, whole } from './value-patterns.js'

const ID_RE = whole(ID)

function idList(raw: unknown[], max: number | undefined): Outcome {
  if (max !== undefined && raw.length > max) return invalid('too_many', { limit: max, actual: raw.length })
  const seen = new Set<string>()
  for (const [i, item] of raw.entries()) {
    if (typeof item !== 'string' || !ID_RE.test(item)) return invalid('reference', undefined, `/${i}`)
    if (seen.has(item)) return invalid('duplicate', undefined, `/${i}`)
    seen.add(item)
  }
  return value(raw)
}

/**
 * user, relation: an id (a list of ids when `multiple`). Whether the member or the record exists is
 * for the database to say, in the engine's transaction: prepare() lists them in `refs`.
 */
export function normalizeReference(raw: unknown, rules: FieldRules): Outcome {
  if (rules.def.multiple)
    return Array.isArray(raw) ? idList(raw, undefined) : invalid('type', { expected: 'ids' })
  if (typeof raw !== 'string') return invalid('type', { expected: 'id' })
  return ID_RE.test(raw) ? value(raw) : invalid('reference')
}

/** file, image: a list of uploaded file ids, at most `maxFiles` (default 1). */
export function normalizeFiles(raw: unknown, rules: FieldRules): Outcome {
  if (!Array.isArray(raw)) return invalid('type', { expected: 'ids' })
  return idList(raw, rules.def.maxFiles ?? 1)
}
