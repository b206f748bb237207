import type { FieldDefinition } from '@tessera/schemas'
import type { CompiledLevel } from './compile-level.js'
import type { FormRefs } from './form-types.js'
import { pointerSegment } from './normalize-value.js'

const ids = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : [String(v)])

/** How a unique value is compared: trimmed, NFC, e-mail case-insensitive (C9: Ana.Silva@Example.com). */
export function uniqueValue(f: FieldDefinition, v: unknown): string {
  const s = String(v).trim().normalize('NFC')
  return f.type === 'email' ? s.toLowerCase() : s
}

/**
 * The references of prepared data the database must confirm, walking subform rows too.
 * `changed` limits them to fields whose value this write changes (update).
 */
export function collectRefs(
  level: CompiledLevel,
  data: Record<string, unknown>,
  refs: FormRefs,
  changed: (key: string) => boolean,
  prefix = '',
  fieldPrefix = '',
): void {
  for (const f of level.fields) {
    const v = data[f.key]
    if (v === undefined || !changed(f.key)) continue
    const path = `${prefix}/${pointerSegment(f.key)}`
    const field = fieldPrefix + f.key
    if (f.type === 'relation') refs.relations.push({ path, field, target: f.target ?? '', ids: ids(v) })
    else if (f.type === 'user') refs.users.push({ path, field, ids: ids(v) })
    else if (f.type === 'file' || f.type === 'image') {
      refs.files.push({
        path,
        field,
        ids: ids(v),
        ...(f.accept ? { accept: f.accept } : {}),
        ...(f.maxSize !== undefined ? { maxSize: f.maxSize } : {}),
      })
    } else if (f.type === 'subform' && Array.isArray(v)) {
      const sub = level.subforms.get(f.key)!
      v.forEach((row, i) => {
        collectRefs(sub, row as Record<string, unknown>, refs, () => true, `${path}/${i}`, `${field}.`)
      })
    }
  }
}

export const emptyRefs = (): FormRefs => ({ relations: [], users: [], files: [], unique: [], serials: [] })
