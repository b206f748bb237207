import type { FieldAccess } from '@tessera/schemas'
import type { EventRow, RecordRow } from '../store/database.js'
import type { EventView, RecordView } from './engine-types.js'
import { withhold } from './access.js'

/** A stored record as the wire shows it (DESIGN.md "Values on the wire"). */
export function toRecordView(
  row: Pick<
    RecordRow,
    | 'id'
    | 'app'
    | 'form'
    | 'form_version'
    | 'owner'
    | 'created_at'
    | 'updated_at'
    | 'version'
    | 'data'
    | 'duplicate_of'
  >,
  instance:
    | { state: string | null; assignee: string | null; needs_migration: boolean | null }
    | undefined
    | null,
  access?: Record<string, FieldAccess>,
  dueAt?: Date | null,
): RecordView {
  const data = (row.data ?? {}) as Record<string, unknown>
  return {
    id: row.id,
    app: row.app,
    form: row.form,
    formVersion: row.form_version,
    state: instance?.state ?? null,
    version: row.version,
    data: access ? withhold(data, access) : data,
    owner: row.owner,
    assignee: instance?.assignee ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...(instance?.needs_migration ? { needsMigration: true } : {}),
    ...(row.duplicate_of ? { duplicateOf: row.duplicate_of } : {}),
    ...(dueAt !== undefined ? { dueAt: dueAt ? dueAt.toISOString() : null } : {}),
  }
}

export function toEventView(row: EventRow, access?: Record<string, FieldAccess>): EventView {
  const diff: Record<string, [unknown, unknown]> = {}
  for (const [k, v] of Object.entries((row.diff ?? {}) as Record<string, [unknown, unknown]>))
    if (access?.[k] !== 'hidden') diff[k] = v
  return {
    id: row.id,
    recordId: row.record_id,
    seq: row.seq,
    type: row.type as EventView['type'],
    actor: row.actor,
    at: row.at.toISOString(),
    transition: row.transition,
    from: row.from_state,
    to: row.to_state,
    diff,
    ...(row.meta ? { meta: row.meta as Record<string, unknown> } : {}),
  }
}
