import type { FieldDefinition, Label } from '@tessera/schemas'

const loose = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase()
const labels = (l: Label | undefined): string[] =>
  l === undefined ? [] : typeof l === 'string' ? [l] : Object.values(l)

/**
 * A file's cell as the import will store it, where the browser can tell: a choice by the option it
 * matches (its value or any of its labels, in any case or spacing, as the server matches), each
 * part of a multiple choice on its own. `ok` is false for a part that matches no option.
 */
export function previewCell(field: FieldDefinition, text: string): { value: string; ok: boolean } {
  const trimmed = text.trim()
  if (!field.options || trimmed === '') return { value: trimmed, ok: true }
  const match = (part: string) =>
    field.options?.find(
      (o) => loose(o.value) === loose(part) || labels(o.label).some((l) => loose(l) === loose(part)),
    )
  const parts =
    field.type === 'multiselect'
      ? trimmed
          .split(/[;,，；]/)
          .map((p) => p.trim())
          .filter(Boolean)
      : [trimmed]
  const found = parts.map((p) => match(p)?.value)
  return {
    value: found.map((v, i) => v ?? parts[i]).join('; '),
    ok: found.every((v) => v !== undefined),
  }
}
