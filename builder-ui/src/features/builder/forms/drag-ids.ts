import type { FieldType, FormDefinition } from '@tessera/schemas'
import type { FieldPlace } from '../draft/draft-actions.js'
import { displayOrder } from '../draft/draft-reducer.js'

/*
 * dnd-kit ids on the form canvas. Palette items are `palette:<type>`, field cards `field:<key>`,
 * containers (a section, or the fields after the sections) `container:<index|rest>`.
 */
export const paletteId = (type: FieldType) => `palette:${type}`
export const fieldId = (key: string) => `field:${key}`
export const containerId = (section: number | null) => `container:${section ?? 'rest'}`

export type DragSource = { kind: 'palette'; type: FieldType } | { kind: 'field'; key: string }

export function readSource(id: string | number): DragSource | null {
  const text = String(id)
  if (text.startsWith('palette:')) return { kind: 'palette', type: text.slice(8) as FieldType }
  if (text.startsWith('field:')) return { kind: 'field', key: text.slice(6) }
  return null
}

/**
 * Where a drop lands. On a card: the card's place (for a card moved down its own container, the
 * place after it, as a sortable list shows it); on a container: its end. `null` when the target
 * is unknown or the card was dropped on itself.
 */
export function dropPlace(
  form: FormDefinition,
  activeId: string | number,
  overId: string | number,
): FieldPlace | null {
  const { sections, rest } = displayOrder(form)
  const containers: { section: number | null; keys: string[] }[] = [
    ...sections.map((keys, section) => ({ section, keys })),
    { section: null, keys: rest },
  ]
  const over = String(overId)
  const source = readSource(activeId)
  if (!source) return null
  if (over.startsWith('container:')) {
    const name = over.slice(10)
    const section = name === 'rest' ? null : Number(name)
    const target = containers.find((c) => c.section === section)
    if (!target) return null
    const length = target.keys.filter((k) => source.kind !== 'field' || k !== source.key).length
    return { section, index: length }
  }
  const overKey = readSource(over)
  if (overKey?.kind !== 'field') return null
  const target = containers.find((c) => c.keys.includes(overKey.key))
  if (!target) return null
  if (source.kind === 'field' && source.key === overKey.key) return null
  // Within one container, remove-then-insert at the over index is dnd-kit's arrayMove both ways;
  // from another container (or the palette) it lands before the card.
  return { section: target.section, index: target.keys.indexOf(overKey.key) }
}
