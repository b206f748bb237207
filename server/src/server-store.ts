import type { Store } from '@tessera/runtime'
import type { AppDefinition } from '@tessera/schemas'
import type { LoginAttemptStore } from './store/login-attempt-store.js'
import type { SavedViewStore } from './store/saved-view-store.js'

/**
 * What the server needs from the store beyond the Engine: identity, definitions, files, audit,
 * change notifications. `createServerStore` (server-store-adapter.ts) builds it over the runtime's
 * store; tests may pass their own.
 */

export interface UserView {
  id: string
  email: string
  name: string
  isAdmin: boolean
  active: boolean
  createdAt: string
}

export interface UserWithHash extends UserView {
  passwordHash: string | null
}

export interface Membership {
  app: string
  userId: string
  roles: string[]
  attributes: Record<string, unknown>
  available: boolean
}

export interface SessionInfo {
  userId: string
  csrfToken: string
  expiresAt: Date
  user: UserView
}

export interface TokenInfo {
  id: string
  userId: string
  name: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

export interface FileInfo {
  id: string
  owner: string | null
  app: string | null
  name: string
  size: number
  type: string
  sha256: string | null
  status: 'pending' | 'completed' | 'failed'
  storageKey: string
  createdAt: string
}

export interface AppSummary {
  key: string
  name: unknown
  publishedVersion: number | null
  hasDraft: boolean
  updatedAt: string
}

export interface AppVersionInfo {
  version: number
  publishedBy: string | null
  publishedAt: string
}

export interface PublicLink {
  token: string
  app: string
  form: string
  createdBy: string | null
  createdAt: string
}

export interface CommentView {
  id: string
  recordId: string
  author: string | null
  body: string
  at: string
}

export interface AuditEntry {
  actor: string | null
  action: string
  target?: string | null
  details?: Record<string, unknown>
}

/** A change another process may care about (SSE). */
export interface ChangeNotice {
  /** `notification`: a user's bell has something new (`userId`; `form` is empty) */
  kind: 'record' | 'list' | 'notification'
  app: string
  form: string
  recordId?: string
  version?: number
  userId?: string
}

export interface ServerStore {
  /** 'pglite' | 'pg': the change feed picks LISTEN/NOTIFY on pg. */
  dialect: 'pglite' | 'pg'
  /** the runtime's store underneath, for the importer, the exporter and import jobs */
  runtime: Store
  ping(): Promise<void>
  close(): Promise<void>

  users: {
    byEmail(email: string): Promise<UserWithHash | undefined>
    byId(id: string): Promise<UserWithHash | undefined>
    create(input: { email: string; name: string; passwordHash: string; isAdmin?: boolean }): Promise<UserView>
    update(id: string, patch: { active?: boolean; name?: string }): Promise<UserView | undefined>
    /** replaces the password (its argon2id hash) and ends the user's sessions */
    setPassword(id: string, passwordHash: string): Promise<void>
    list(): Promise<UserView[]>
    count(): Promise<number>
  }
  memberships: {
    set(
      app: string,
      userId: string,
      roles: string[],
      attributes: Record<string, unknown>,
    ): Promise<Membership>
    ofApp(app: string): Promise<Membership[]>
    ofUser(userId: string): Promise<Membership[]>
  }
  /** Tokens travel clear; the store keeps only their sha256. */
  sessions: {
    create(userId: string, ttlMs: number): Promise<{ token: string; csrfToken: string; expiresAt: Date }>
    /** the live session of a cookie token: expired ones and inactive users find nothing */
    find(token: string): Promise<SessionInfo | undefined>
    delete(token: string): Promise<void>
  }
  tokens: {
    create(userId: string, name: string): Promise<{ info: TokenInfo; token: string }>
    /** the user of a bearer token, unless revoked or the user is inactive */
    find(token: string): Promise<{ info: TokenInfo; user: UserView } | undefined>
    list(userId: string): Promise<TokenInfo[]>
    /** with `userId`, only that user's token; false when none was revoked */
    revoke(id: string, userId: string | null): Promise<boolean>
  }
  files: {
    create(input: {
      owner: string | null
      app: string | null
      name: string
      type: string
      storageKey: string
    }): Promise<FileInfo>
    complete(id: string, size: number, sha256: string): Promise<FileInfo | undefined>
    fail(id: string): Promise<void>
    get(id: string): Promise<FileInfo | undefined>
    getMany(ids: string[]): Promise<FileInfo[]>
  }
  apps: {
    list(): Promise<AppSummary[]>
    saveDraft(key: string, draft: Record<string, unknown>, actor: string | null): Promise<void>
    draft(key: string): Promise<Record<string, unknown> | undefined>
    /** the published definition: latest, or the given version */
    published(
      key: string,
      version?: number,
    ): Promise<{ version: number; definition: AppDefinition } | undefined>
    versions(key: string): Promise<AppVersionInfo[]>
  }
  savedViews: SavedViewStore
  /** sign-in attempt counters, shared by every process on the database */
  loginAttempts: LoginAttemptStore
  publicLinks: {
    create(app: string, form: string, token: string, createdBy: string | null): Promise<PublicLink>
    find(token: string): Promise<PublicLink | undefined>
  }
  comments: {
    /** `app` is the record's: the distribution key its comments are stored under */
    add(app: string, recordId: string, author: string | null, body: string): Promise<CommentView>
    list(app: string, recordId: string): Promise<CommentView[]>
  }
  /** record ids assigned to the user or awaiting their decision, earliest SLA first */
  inbox(userId: string, limit: number): Promise<string[]>
  audit(entry: AuditEntry): Promise<void>
  /** cross-process change notices: NOTIFY on PostgreSQL, in-process on PGlite */
  changes: {
    publish(notice: ChangeNotice): Promise<void>
    subscribe(listener: (notice: ChangeNotice) => void): () => void
  }
}
