import type { FieldDefinition, FormDefinition, Label } from '@tessera/schemas'

export interface RenderSection {
  title: Label | null
  columns: number
  fields: FieldDefinition[]
}

/**
 * The layout's sections with their fields resolved; fields the layout leaves out follow at the
 * end (DESIGN.md), and a key the layout names but the form lacks is skipped, not a crash.
 */
export function formSections(form: FormDefinition): RenderSection[] {
  const byKey = new Map(form.fields.map((f) => [f.key, f]))
  const placed = new Set<string>()
  const sections: RenderSection[] = (form.layout ?? []).map((s) => ({
    title: s.section,
    columns: Math.max(1, Math.min(4, s.columns ?? 1)),
    fields: s.fields.flatMap((k) => {
      const f = byKey.get(k)
      if (!f || placed.has(k)) return []
      placed.add(k)
      return [f]
    }),
  }))
  const rest = form.fields.filter((f) => !placed.has(f.key))
  if (rest.length > 0) sections.push({ title: null, columns: 1, fields: rest })
  return sections.filter((s) => s.fields.length > 0)
}
