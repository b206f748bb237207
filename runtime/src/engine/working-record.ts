import type { FormDefinition, WorkflowDefinition } from '@tessera/schemas'

/** An approval state's progress, stored with the instance. */
export interface ApprovalProgress {
  mode: 'all' | 'any' | 'share'
  share?: number
  approvers: string[]
  decisions: { userId: string; decision: 'approve' | 'reject'; comment?: string; at: string }[]
}

/** A record while one operation changes it: effects mutate this, the operation writes it once. */
export interface WorkingRecord {
  recordId: string
  form: FormDefinition
  data: Record<string, unknown>
  owner: string | null
  wf: WorkflowDefinition | undefined
  state: string | null
  assignee: string | null
  approval: ApprovalProgress | null
  /** the seq of the event this operation writes (outbox idempotency keys use it) */
  seq: number
  /** the earliest armed timer after this operation: null none, undefined unknown (ask the store) */
  dueAt?: Date | null
  /** what the actions did, for the event (links made, conflicts kept, messages queued) */
  meta: Record<string, unknown[]>
}

export const addMeta = (w: WorkingRecord, key: string, item: unknown) => {
  const list = w.meta[key] ?? []
  list.push(item)
  w.meta[key] = list
}
