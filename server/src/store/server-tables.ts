import type { Generated } from 'kysely'

/**
 * The two tables the server owns: public form links and record comments. Their types live here,
 * where they are used; the tables themselves come from the runtime's migration 0003-server-tables.
 */
export interface PublicLinkTable {
  token_hash: string
  /** the clear token, so an admin can copy the link again; it only opens one public form */
  token: string
  app: string
  form: string
  created_by: string | null
  created_at: Generated<Date>
  revoked_at: Date | null
}

export interface RecordCommentTable {
  id: Generated<string>
  /** the record's app, its distribution key (migration 0010) */
  app: string
  record_id: string
  author: string | null
  body: string
  at: Generated<Date>
}

/** A records-table setup a user saved (migration 0005-saved-views). */
export interface SavedViewTable {
  id: Generated<string>
  app: string
  form: string
  owner: string
  name: string
  shared: boolean
  shared_role: string | null
  settings: unknown
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

/** Sign-in attempts per account or address, shared by every process (migration 0008-login-attempts). */
export interface LoginAttemptTable {
  key: string
  window_start: Date
  attempts: number
}

// A type alias, not an interface: Kysely's withTables wants an indexable record.
export type ServerTables = {
  public_link: PublicLinkTable
  record_comment: RecordCommentTable
  saved_view: SavedViewTable
  login_attempt: LoginAttemptTable
}
