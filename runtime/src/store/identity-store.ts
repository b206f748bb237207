import { createHash, randomBytes } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import { TesseraError } from '../errors.js'
import type { Database, MembershipRow, UserRow } from './database.js'
import { orgChanged } from './org-changes.js'
import { isUniqueViolation } from './pg-errors.js'
import { isUuid } from './uuid.js'

/** A platform user as the rest of the system sees it (no password hash). */
export interface User {
  id: string
  /** as the user typed it, for display */
  email: string
  name: string
  isAdmin: boolean
  active: boolean
  createdAt: Date
}

export interface Membership {
  app: string
  userId: string
  roles: string[]
  attributes: Record<string, unknown>
  /** false while on leave: still a member, skipped by assignment rules */
  available: boolean
  createdAt: Date
}

export interface Member extends Membership {
  user: User
}

export interface SessionInfo {
  id: string
  userId: string
  csrfToken: string
  expiresAt: Date
  user: User
}

export interface ApiTokenInfo {
  id: string
  userId: string
  name: string
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
}

/** Emails compare trimmed and case-insensitively (C9); the typed spelling is kept for display. */
export const normalizeEmail = (email: string): string => email.normalize('NFC').trim().toLowerCase()

/** Tokens are stored as sha256: a leaked table cannot be replayed. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')
const newToken = (): string => randomBytes(32).toString('base64url')

const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email_display,
  name: row.name,
  isAdmin: row.is_admin,
  active: row.active,
  createdAt: row.created_at,
})

const toMembership = (row: MembershipRow): Membership => ({
  app: row.app,
  userId: row.user_id,
  roles: row.roles,
  attributes: (row.attributes ?? {}) as Record<string, unknown>,
  available: row.available,
  createdAt: row.created_at,
})

const userColumns = [
  'id',
  'email',
  'email_display',
  'name',
  'password_hash',
  'is_admin',
  'active',
  'created_at',
] as const

/** Users, memberships, sessions and API tokens. */
export const createIdentityStore = (db: Kysely<Database>) => ({
  /** Refuses a second user with the same normalized email (UNIQUE_VIOLATION naming `email`). */
  async createUser(input: {
    email: string
    name: string
    passwordHash?: string | null
    isAdmin?: boolean
  }): Promise<User> {
    try {
      const row = await db
        .insertInto('app_user')
        .values({
          email: normalizeEmail(input.email),
          email_display: input.email.trim(),
          name: input.name,
          password_hash: input.passwordHash ?? null,
          is_admin: input.isAdmin ?? false,
        })
        .returning(userColumns)
        .executeTakeFirstOrThrow()
      return toUser(row)
    } catch (e) {
      if (isUniqueViolation(e))
        throw new TesseraError(
          'UNIQUE_VIOLATION',
          { 'zh-CN': `邮箱 ${input.email} 已被使用`, en: `the email ${input.email} is already taken` },
          {
            field: 'email',
            problems: [
              {
                path: '/email',
                code: 'unique',
                message: { 'zh-CN': '邮箱已被使用', en: 'email already taken' },
              },
            ],
          },
        )
      throw e
    }
  },

  async countUsers(): Promise<number> {
    const row = await db
      .selectFrom('app_user')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow()
    return row.n
  },

  async getUser(id: string): Promise<User | undefined> {
    if (!isUuid(id)) return undefined
    const row = await db.selectFrom('app_user').select(userColumns).where('id', '=', id).executeTakeFirst()
    return row && toUser(row)
  },

  async findUserByEmail(email: string): Promise<User | undefined> {
    const row = await db
      .selectFrom('app_user')
      .select(userColumns)
      .where('email', '=', normalizeEmail(email))
      .executeTakeFirst()
    return row && toUser(row)
  },

  /** For login only: the user and the stored password hash. */
  async findLogin(email: string): Promise<{ user: User; passwordHash: string | null } | undefined> {
    const row = await db
      .selectFrom('app_user')
      .select(userColumns)
      .where('email', '=', normalizeEmail(email))
      .executeTakeFirst()
    return row && { user: toUser(row), passwordHash: row.password_hash }
  },

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await db.updateTable('app_user').set({ password_hash: passwordHash }).where('id', '=', userId).execute()
  },

  async listUsers(): Promise<User[]> {
    const rows = await db
      .selectFrom('app_user')
      .select(userColumns)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map(toUser)
  },

  async updateUser(id: string, patch: { name?: string; isAdmin?: boolean }): Promise<User | undefined> {
    if (!isUuid(id)) return undefined
    const row = await db
      .updateTable('app_user')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.isAdmin !== undefined ? { is_admin: patch.isAdmin } : {}),
      })
      .where('id', '=', id)
      .returning(userColumns)
      .executeTakeFirst()
    // the members of an app carry their user (engine/membership-cache.ts)
    orgChanged()
    return row && toUser(row)
  },

  /** Deactivating ends the user's sessions; their records and assignments stay as they are (C10). */
  async setActive(id: string, active: boolean): Promise<User | undefined> {
    if (!isUuid(id)) return undefined
    const user = await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('app_user')
        .set({ active })
        .where('id', '=', id)
        .returning(userColumns)
        .executeTakeFirst()
      if (row && !active) await trx.deleteFrom('session').where('user_id', '=', id).execute()
      return row && toUser(row)
    })
    orgChanged()
    return user
  },

  /**
   * Creates or replaces a user's roles and attributes in an app. On a transaction, the engine's
   * membership cache hears of it when the statement runs, not at commit: a lookup in between may
   * keep the old membership for its time to live (the server writes memberships outside one).
   */
  async setMembership(
    app: string,
    userId: string,
    input: { roles: string[]; attributes?: Record<string, unknown>; available?: boolean },
  ): Promise<Membership> {
    const attributes = JSON.stringify(input.attributes ?? {})
    const row = await db
      .insertInto('membership')
      .values({
        app,
        user_id: userId,
        roles: input.roles,
        attributes,
        ...(input.available !== undefined ? { available: input.available } : {}),
      })
      .onConflict((oc) =>
        oc.columns(['app', 'user_id']).doUpdateSet({
          roles: input.roles,
          attributes,
          ...(input.available !== undefined ? { available: input.available } : {}),
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow()
    orgChanged()
    return toMembership(row)
  },

  async removeMembership(app: string, userId: string): Promise<boolean> {
    const r = await db
      .deleteFrom('membership')
      .where('app', '=', app)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    orgChanged()
    return r.numDeletedRows > 0n
  },

  async getMembership(app: string, userId: string): Promise<Membership | undefined> {
    if (!isUuid(userId)) return undefined
    const row = await db
      .selectFrom('membership')
      .selectAll()
      .where('app', '=', app)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    return row && toMembership(row)
  },

  /**
   * A user's membership and team (`teamOf`) in one round trip: every write asks both for its actor,
   * so two statements here were two of the fewest a submit can send.
   */
  async membershipAndTeam(
    app: string,
    userId: string,
  ): Promise<{ membership: Membership | undefined; team: string[] }> {
    if (!isUuid(userId)) return { membership: undefined, team: [] }
    const row = await db
      .selectFrom(sql<{ one: number }>`(select 1)`.as('one'))
      .leftJoin('membership', (join) =>
        join.on('membership.app', '=', app).on('membership.user_id', '=', userId),
      )
      .selectAll('membership')
      .select(
        sql<string[]>`(select coalesce(jsonb_agg(t.user_id), '[]'::jsonb) from membership t
          where t.app = ${app} and t.attributes->>'manager' = ${userId})`.as('team'),
      )
      .executeTakeFirstOrThrow()
    const { team, ...mine } = row
    return {
      membership: mine.user_id ? toMembership(mine as MembershipRow) : undefined,
      team,
    }
  },

  /** Every app a user belongs to. */
  async listMemberships(userId: string): Promise<Membership[]> {
    const rows = await db
      .selectFrom('membership')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('app')
      .execute()
    return rows.map(toMembership)
  },

  /** The members whose `manager` attribute is this user (the `team` row scope). */
  async teamOf(app: string, managerId: string): Promise<string[]> {
    if (!isUuid(managerId)) return []
    const rows = await db
      .selectFrom('membership')
      .select('user_id')
      .where('app', '=', app)
      .where(sql<boolean>`attributes->>'manager' = ${managerId}`)
      .execute()
    return rows.map((r) => r.user_id)
  },

  /** Members of an app in the order they joined (the order round robin rotates in). */
  async listMembers(app: string): Promise<Member[]> {
    const rows = await db
      .selectFrom('membership')
      .innerJoin('app_user', 'app_user.id', 'membership.user_id')
      .selectAll('membership')
      .select([
        'app_user.id',
        'app_user.email',
        'app_user.email_display',
        'app_user.name',
        'app_user.password_hash',
        'app_user.is_admin',
        'app_user.active',
        'app_user.created_at as user_created_at',
      ])
      .where('membership.app', '=', app)
      .orderBy('membership.created_at')
      .orderBy('membership.user_id')
      .execute()
    return rows.map((r) => ({
      ...toMembership(r),
      user: toUser({ ...r, created_at: r.user_created_at }),
    }))
  },

  /** A new session; the returned token goes into the cookie and is stored only as its hash. */
  async createSession(
    userId: string,
    ttlMs: number,
    now = new Date(),
  ): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = newToken()
    const csrfToken = newToken()
    const expiresAt = new Date(now.getTime() + ttlMs)
    await db
      .insertInto('session')
      .values({ id: hashToken(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt })
      .execute()
    return { token, csrfToken, expiresAt }
  },

  /** The live session of a token: expired sessions and inactive users find nothing. */
  async findSession(token: string, now = new Date()): Promise<SessionInfo | undefined> {
    const row = await db
      .selectFrom('session')
      .innerJoin('app_user', 'app_user.id', 'session.user_id')
      .select(['session.id as session_id', 'session.csrf_token', 'session.expires_at'])
      .select(userColumns.map((c) => `app_user.${c}` as const))
      .where('session.id', '=', hashToken(token))
      .where('session.expires_at', '>', now)
      .where('app_user.active', '=', true)
      .executeTakeFirst()
    if (!row) return undefined
    return {
      id: row.session_id,
      userId: row.id,
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
      user: toUser(row),
    }
  },

  /** Sliding expiry: push a live session's end further out. */
  async touchSession(token: string, expiresAt: Date): Promise<void> {
    await db
      .updateTable('session')
      .set({ expires_at: expiresAt })
      .where('id', '=', hashToken(token))
      .execute()
  },

  async deleteSession(token: string): Promise<void> {
    await db.deleteFrom('session').where('id', '=', hashToken(token)).execute()
  },

  async deleteExpiredSessions(now = new Date()): Promise<number> {
    const r = await db.deleteFrom('session').where('expires_at', '<=', now).executeTakeFirst()
    return Number(r.numDeletedRows)
  },

  /** A new API token; the clear token is returned once and never stored. */
  async createApiToken(userId: string, name: string): Promise<{ id: string; token: string }> {
    const token = `tsr_${newToken()}`
    const row = await db
      .insertInto('api_token')
      .values({ user_id: userId, name, token_hash: hashToken(token) })
      .returning('id')
      .executeTakeFirstOrThrow()
    return { id: row.id, token }
  },

  /** The user behind a bearer token, unless it is revoked or the user inactive. */
  async findApiToken(
    token: string,
    now = new Date(),
  ): Promise<{ token: ApiTokenInfo; user: User } | undefined> {
    const row = await db
      .selectFrom('api_token')
      .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
      .select([
        'api_token.id as token_id',
        'api_token.name as token_name',
        'api_token.created_at as token_created_at',
        'api_token.last_used_at',
        'api_token.revoked_at',
      ])
      .select(userColumns.map((c) => `app_user.${c}` as const))
      .where('api_token.token_hash', '=', hashToken(token))
      .where('api_token.revoked_at', 'is', null)
      .where('app_user.active', '=', true)
      .executeTakeFirst()
    if (!row) return undefined
    await db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', row.token_id).execute()
    return {
      token: {
        id: row.token_id,
        userId: row.id,
        name: row.token_name,
        createdAt: row.token_created_at,
        lastUsedAt: now,
        revokedAt: null,
      },
      user: toUser(row),
    }
  },

  async listApiTokens(userId: string): Promise<ApiTokenInfo[]> {
    const rows = await db
      .selectFrom('api_token')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      name: r.name,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      revokedAt: r.revoked_at,
    }))
  },

  /** Revokes a token; with `userId`, only a token of that user. Returns whether one was revoked. */
  async revokeApiToken(id: string, userId?: string, now = new Date()): Promise<boolean> {
    if (!isUuid(id)) return false
    let q = db
      .updateTable('api_token')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
    if (userId) q = q.where('user_id', '=', userId)
    const r = await q.executeTakeFirst()
    return r.numUpdatedRows > 0n
  },
})

export type IdentityStore = ReturnType<typeof createIdentityStore>
