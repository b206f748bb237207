import type { AppDefinition, FieldAccess, Label } from '@tessera/schemas'

/*
 * What the server answers, mirrored from runtime/src/engine/engine-types.ts (RecordView,
 * RecordDetail, EventView, ListResult). The UI may not import the runtime (DESIGN.md: it talks
 * HTTP only), so these are the wire shapes restated; keep them in step with engine-types.ts.
 */

export interface RecordView {
  id: string
  app: string
  form: string
  formVersion: number
  state: string | null
  version: number
  data: Record<string, unknown>
  owner: string | null
  assignee: string | null
  createdAt: string
  updatedAt: string
  needsMigration?: boolean
  duplicateOf?: string | null
  dueAt?: string | null
}

export interface TransitionOption {
  key: string
  label?: unknown
  requires: string[]
  guardOk: boolean
}

export interface ApprovalView {
  mode: string
  decisions: { userId: string; decision: 'approve' | 'reject'; comment?: string; at: string }[]
  pending: string[]
}

export interface RecordDetail extends RecordView {
  transitions: TransitionOption[]
  access: Record<string, FieldAccess>
  approval?: ApprovalView
}

export type EventType =
  | 'created'
  | 'updated'
  | 'transition'
  | 'imported'
  | 'decision'
  | 'timer'
  | 'migrated'
  | 'assigned'
  | 'comment'

export interface EventView {
  id: string
  recordId: string
  seq: number
  type: EventType
  actor: string | null
  /** the actor's name (also for people outside the app, such as the platform admin) */
  actorName?: string | null
  at: string
  transition?: string | null
  from?: string | null
  to?: string | null
  diff: Record<string, [unknown, unknown]>
  meta?: Record<string, unknown>
}

export interface ListResult {
  items: RecordView[]
  /** exact unless totalIsEstimate (more than 10,000 match): then the server's estimate */
  total: number
  totalIsEstimate: boolean
  nextCursor: string | null
}

export interface SessionUser {
  id: string
  email: string
  name: string
  isAdmin: boolean
}

export interface AppSummary {
  key: string
  name: Label
  version?: number
  roles?: string[]
}

export interface Me {
  user: SessionUser
  apps: AppSummary[]
  /** the session's CSRF token, so a new tab on an old session can still write */
  csrfToken?: string
}

export interface Member {
  userId: string
  name: string
  email?: string
  roles: string[]
  attributes?: Record<string, unknown>
}

/** GET /api/apps/:app/members answers this; the client flattens it into Member. */
export interface MemberWire {
  app: string
  userId: string
  roles: string[]
  attributes: Record<string, unknown>
  available: boolean
  user?: SessionUser
}

export interface Comment {
  id: string
  recordId: string
  author: string | null
  body: string
  at: string
}

export interface InboxResult {
  items: RecordDetail[]
}

/** GET /api/inbox/queues: unassigned records in states handed to a role or department I am in. */
export interface RoleQueue {
  app: string
  form: string
  state: string
  queue: { role?: string; department?: string }
  total: number
  totalIsEstimate: boolean
  /** the longest waiting first */
  items: RecordView[]
}

export interface PublishedApp {
  version: number
  definition: AppDefinition
}

export interface ImportJob {
  id: string
  status: 'pending' | 'running' | 'done' | 'failed'
  fileName?: string | null
  total: number
  processed: number
  created: number
  updated: number
  failed: number
  /** rows neither written nor refused: repeats within the file, unchanged, or skipped duplicates */
  skipped?: number
  /** the CSV's separator the server read with; null for XLSX */
  delimiter?: string | null
  errorCount?: number
  /** the first 100 row problems; every one is in errors.csv */
  errors?: {
    row: number
    column?: string
    value?: string
    code?: string
    reason?: string
    severity?: string
  }[]
  options?: { dryRun?: boolean; profile?: string | null; encoding?: string | null }
}

export interface FileRef {
  id: string
  name: string
  size: number
  type?: string
  sha256?: string
}

export interface PublicForm {
  app: string
  appName?: import('@tessera/schemas').Label
  version?: number
  form: import('@tessera/schemas').FormDefinition
}

/** One of my in-app notifications (GET /api/notifications). */
export interface NotificationItem {
  id: string
  app: string
  form: string | null
  recordId: string | null
  message: string | Record<string, string>
  lines: Record<string, string[]> | null
  automation: string | null
  transition: string | null
  createdAt: string
  readAt: string | null
}

export interface NotificationPage {
  items: NotificationItem[]
  nextCursor: string | null
  unread: number
}
