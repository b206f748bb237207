import type { FieldDefinition, Label } from '@tessera/schemas'

/** Header or label reduced to what a person means: no BOM, case, spaces, underscores or dashes. */
export const normalizeHeader = (s: string) =>
  s
    .replace(/\ufeff/g, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.]+/g, '')

const labels = (l: Label | undefined): string[] =>
  l === undefined ? [] : typeof l === 'string' ? [l] : Object.values(l)

/**
 * Maps each file column to a field by key or by any of its labels (C6: `" email "` and `"\ufeffEmail"`
 * both map to `email`); a field is used once, the first matching column wins.
 */
export function autoMap(headers: string[], fields: FieldDefinition[]): Record<string, string | null> {
  const used = new Set<string>()
  const out: Record<string, string | null> = {}
  for (const h of headers) {
    const n = normalizeHeader(h)
    const f = fields.find(
      (x) =>
        !used.has(x.key) &&
        (normalizeHeader(x.key) === n || labels(x.label).some((l) => normalizeHeader(l) === n)),
    )
    out[h] = f ? f.key : null
    if (f) used.add(f.key)
  }
  return out
}
