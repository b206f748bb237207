import type { Label } from '@tessera/schemas'

/** A key as the definition format accepts it: a lowercase letter, then letters, digits and `_`. */
export const KEY_PATTERN = /^[a-z][a-z0-9_]*$/

const MAX_KEY_LENGTH = 48

/**
 * A key generated from a label: the English text when there is one (Chinese has no spelling a key
 * may use), lowercased, words joined by `_`. Falls back to `fallback` and makes the result unique
 * against `taken` by a numeric suffix, because a key is never reused within its scope.
 */
export function keyFromLabel(label: Label | undefined, taken: Iterable<string>, fallback = 'field'): string {
  const base = slug(pickLatin(label)) || fallback
  return uniqueKey(base, taken)
}

export function uniqueKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  if (!used.has(base)) return base
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, MAX_KEY_LENGTH - String(n).length - 1)}_${n}`
    if (!used.has(candidate)) return candidate
  }
}

function pickLatin(label: Label | undefined): string {
  if (label === undefined) return ''
  if (typeof label === 'string') return label
  return label.en ?? Object.values(label).find((text) => /[a-z]/i.test(text)) ?? ''
}

function slug(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
  let key = words.join('_').slice(0, MAX_KEY_LENGTH).replace(/_+$/, '')
  if (key && !/^[a-z]/.test(key)) key = `f_${key}`
  return key
}
