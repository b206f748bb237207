import type { FieldPermission } from '@tessera/schemas'

/** One field's permission in a state's `fields` map; `undefined` returns it to the default (and drops an empty map). */
export function setAccess(
  fields: Record<string, FieldPermission> | undefined,
  key: string,
  permission: FieldPermission | undefined,
): Record<string, FieldPermission> | undefined {
  const next = { ...fields }
  if (permission === undefined) delete next[key]
  else next[key] = permission
  return Object.keys(next).length ? next : undefined
}
