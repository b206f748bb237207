/** Columns every record has; conditions, views and sorts may name them, fields may not take their keys. */
export const SYSTEM_FIELDS = [
  'id',
  'state',
  'version',
  'owner',
  'assignee',
  'created_at',
  'updated_at',
] as const

/** Field keys the platform keeps for itself (system columns, and names the API and storage use). */
export const RESERVED_FIELD_KEYS: ReadonlySet<string> = new Set([
  ...SYSTEM_FIELDS,
  'app',
  'form',
  'form_version',
  'workflow',
  'created_by',
  'updated_by',
  'deleted_at',
  'data',
  'record',
  'events',
  'transitions',
  'access',
])

/** The kind of value a system column holds, for type checks of conditions over it. */
export const SYSTEM_FIELD_TYPES: Record<
  (typeof SYSTEM_FIELDS)[number],
  'text' | 'integer' | 'user' | 'datetime'
> = {
  id: 'text',
  state: 'text',
  version: 'integer',
  owner: 'user',
  assignee: 'user',
  created_at: 'datetime',
  updated_at: 'datetime',
}

export const isSystemField = (key: string): key is (typeof SYSTEM_FIELDS)[number] =>
  (SYSTEM_FIELDS as readonly string[]).includes(key)

/** Identifiers: a lower-case letter, then up to 62 lower-case letters, digits or underscores. */
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,62}$/
