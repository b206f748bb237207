/** NUL and lone surrogates: Postgres jsonb cannot store the first, UTF-8 cannot encode the second. */
export const BAD_CHARACTER = '[\\u0000\\uD800-\\uDFFF]'

const BAD = new RegExp(BAD_CHARACTER, 'u')
const segment = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1')

/**
 * Where inside a value a string holds a character that cannot be stored, or undefined. Field values
 * are at most two levels deep (a list of ids, an address); deeper input is refused by its
 * normalizer, so the scan stops there rather than recurse through hostile nesting.
 */
export function badCharacterAt(v: unknown, depth = 0): string | undefined {
  if (typeof v === 'string') return BAD.test(v) ? '' : undefined
  if (typeof v !== 'object' || v === null || depth >= 2) return undefined
  for (const [k, item] of Object.entries(v)) {
    const inner = badCharacterAt(item, depth + 1)
    if (inner !== undefined) return `/${segment(k)}${inner}`
  }
  return undefined
}
