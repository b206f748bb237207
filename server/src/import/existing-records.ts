import type { Actor, Engine, RecordView } from '@tessera/runtime'
import { Dec, type FieldDefinition } from '@tessera/schemas'

/** The records already in a form by the field that keeps their external key (read page by page). */
export async function existingByKey(
  engine: Engine,
  app: string,
  form: string,
  keyField: string,
  actor: Actor,
): Promise<Map<string, RecordView>> {
  const out = new Map<string, RecordView>()
  let cursor: string | undefined
  do {
    const page = await engine.list(app, form, { limit: 500, ...(cursor ? { cursor } : {}) }, actor)
    for (const r of page.items) {
      const key = r.data[keyField]
      if (typeof key === 'string' || typeof key === 'number') out.set(String(key), r)
    }
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return out
}

const DECIMAL_TYPES = new Set(['number', 'money', 'percent', 'integer', 'rating'])

/**
 * Would this row change the record? Only the values the row carries count (a blank cell leaves a
 * value alone), compared as the store keeps them: decimals by value (`1054` is `1054.00`).
 */
export function rowChanges(
  existing: RecordView,
  data: Record<string, unknown>,
  state: string | undefined,
  fields: Map<string, FieldDefinition>,
): boolean {
  if (state !== undefined && existing.state !== state) return true
  for (const [key, value] of Object.entries(data)) {
    const before = existing.data[key]
    if (before === undefined) return true
    const field = fields.get(key)
    if (field && DECIMAL_TYPES.has(field.type)) {
      try {
        if (!new Dec(String(before)).equals(new Dec(String(value)))) return true
      } catch {
        return true
      }
      continue
    }
    if (JSON.stringify(before) !== JSON.stringify(value)) return true
  }
  return false
}
