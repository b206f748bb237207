import { isEmptyValue } from '@tessera/schemas'
import type { FieldProblem, Outcome } from './field-outcome.js'
import { absent, invalid, value } from './field-outcome.js'
import { codePoints } from './text-values.js'
import { ADDRESS_PART_MAX, ADDRESS_PARTS } from './value-patterns.js'

const PARTS: ReadonlySet<string> = new Set(ADDRESS_PARTS)

/**
 * address: `{country, province, city, district?, street, postcode?}` of strings. Blank parts are
 * absent; an address with no part is absent. Which parts a required address needs is checked
 * with the other required rules.
 */
export function normalizeAddress(raw: unknown): Outcome {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return invalid('type', { expected: 'address' })
  const problems: FieldProblem[] = []
  const out: Record<string, string> = {}
  for (const [part, v] of Object.entries(raw)) {
    if (!PARTS.has(part)) problems.push({ suffix: `/${part}`, code: 'unknown_field', params: { key: part } })
    else if (isEmptyValue(v)) continue
    else if (typeof v !== 'string')
      problems.push({ suffix: `/${part}`, code: 'type', params: { expected: 'text' } })
    else if (codePoints(v) > ADDRESS_PART_MAX) {
      problems.push({
        suffix: `/${part}`,
        code: 'too_long',
        params: { limit: ADDRESS_PART_MAX, actual: codePoints(v) },
      })
    } else out[part] = v
  }
  if (problems.length > 0) return { kind: 'invalid', problems }
  // parts in their one order, whatever order they were sent in
  const ordered = Object.fromEntries(ADDRESS_PARTS.filter((p) => p in out).map((p) => [p, out[p]]))
  return Object.keys(ordered).length === 0 ? absent : value(ordered)
}
