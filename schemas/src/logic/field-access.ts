import type { FieldAccess, FieldDefinition, StateDefinition, WorkflowDefinition } from '../app-definition.js'

const RANK: Record<FieldAccess, number> = { hidden: 0, read: 1, edit: 2, required: 3 }
const SERVER_COMPUTED = new Set(['formula', 'serial', 'lookup', 'rollup'])

/**
 * A field's access for someone with these roles in a state: the state's entry (for their roles,
 * else `*`); a field the state does not name is editable in the initial state and read-only after
 * it. Several roles: the most permissive wins. `privileged` (admins, the system) see every field.
 * Server-computed and readOnly fields are never editable. The server decides with this; the
 * browser uses it to show a new record's form as its first state allows.
 */
export function stateFieldAccess(
  field: FieldDefinition,
  wf: WorkflowDefinition | undefined,
  state: StateDefinition | undefined,
  roles: readonly string[],
  privileged: boolean,
): FieldAccess {
  let access: FieldAccess
  const entry = state?.fields?.[field.key]
  if (!wf || !state) access = 'edit'
  else if (entry === undefined) access = state.key === wf.initial ? 'edit' : 'read'
  else if (typeof entry === 'string') access = entry
  else {
    const mine = privileged ? Object.keys(entry) : roles.filter((r) => r in entry)
    const found = mine.map((r) => entry[r] as FieldAccess)
    if (found.length === 0) access = entry['*'] ?? (state.key === wf.initial ? 'edit' : 'read')
    else access = found.reduce((a, b) => (RANK[b] > RANK[a] ? b : a))
  }
  if (privileged && access === 'hidden') access = 'read'
  if ((field.readOnly || SERVER_COMPUTED.has(field.type)) && RANK[access] > RANK.read) access = 'read'
  return access
}
