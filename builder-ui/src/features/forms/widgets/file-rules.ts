import type { FieldDefinition } from '@tessera/schemas'

/** Why a picked file is refused before upload: wrong type, too large, or null when fine. */
export function acceptsFile(
  field: FieldDefinition,
  file: { name: string; type: string; size: number },
): 'type' | 'size' | null {
  if (field.maxSize !== undefined && file.size > field.maxSize) return 'size'
  const accept = field.accept ?? (field.type === 'image' ? ['image/*'] : [])
  if (accept.length === 0) return null
  const name = file.name.toLowerCase()
  const ok = accept.some((a) => {
    const rule = a.trim().toLowerCase()
    if (rule.startsWith('.')) return name.endsWith(rule)
    if (rule.endsWith('/*')) return file.type.toLowerCase().startsWith(rule.slice(0, -1))
    return file.type.toLowerCase() === rule
  })
  return ok ? null : 'type'
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}
