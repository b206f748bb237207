import {
  type Store,
  createAppStore,
  createAuditStore,
  createFileStore,
  createIdentityStore,
} from '@tessera/runtime'
import { type Kysely, sql } from 'kysely'
import type { FileInfo, ServerStore, TokenInfo, UserView } from '../server-store.js'
import { sha256Hex } from '../auth/secrets.js'
import { type ChangeFeed, inProcessChangeFeed, postgresChangeFeed } from './change-feed.js'
import { createLoginAttemptStore } from './login-attempt-store.js'
import { createSavedViewStore } from './saved-view-store.js'
import type { ServerTables } from './server-tables.js'

const iso = (d: Date | string | null | undefined): string | null =>
  d == null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString()

const toUserView = (u: {
  id: string
  email: string
  name: string
  isAdmin: boolean
  active: boolean
  createdAt: Date
}): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  isAdmin: u.isAdmin,
  active: u.active,
  createdAt: iso(u.createdAt)!,
})

const toTokenInfo = (t: {
  id: string
  userId: string
  name: string
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
}): TokenInfo => ({
  id: t.id,
  userId: t.userId,
  name: t.name,
  createdAt: iso(t.createdAt)!,
  lastUsedAt: iso(t.lastUsedAt),
  revokedAt: iso(t.revokedAt),
})

const toFileInfo = (f: Omit<FileInfo, 'createdAt'> & { createdAt: Date }): FileInfo => ({
  id: f.id,
  owner: f.owner,
  app: f.app,
  name: f.name,
  size: f.size,
  type: f.type,
  sha256: f.sha256,
  status: f.status,
  storageKey: f.storageKey,
  createdAt: iso(f.createdAt)!,
})

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The server's store over the runtime's: identity and files from the runtime's stores, the app
 * tables read here, the server's own two tables (public links, comments), and the change feed.
 */
export async function createServerStore(
  store: Store,
  options: { databaseUrl?: string } = {},
): Promise<ServerStore> {
  const identity = createIdentityStore(store.db)
  const files = createFileStore(store.db)
  const apps = createAppStore(store.db)
  const audit = createAuditStore(store.db)
  const db = store.db.withTables<ServerTables>()
  const feed: ChangeFeed =
    store.kind === 'pg' && options.databaseUrl
      ? postgresChangeFeed(store.db as unknown as Kysely<unknown>, options.databaseUrl)
      : inProcessChangeFeed()

  return {
    dialect: store.kind,
    runtime: store,
    async ping() {
      await sql`select 1`.execute(store.db)
    },
    async close() {
      await feed.close()
    },

    users: {
      async byEmail(email) {
        const found = await identity.findLogin(email)
        return found && { ...toUserView(found.user), passwordHash: found.passwordHash }
      },
      async byId(id) {
        const user = await identity.getUser(id)
        return user && { ...toUserView(user), passwordHash: null }
      },
      create: async (input) => toUserView(await identity.createUser(input)),
      async update(id, patch) {
        let user =
          patch.name !== undefined
            ? await identity.updateUser(id, { name: patch.name })
            : await identity.getUser(id)
        if (user && patch.active !== undefined) user = await identity.setActive(id, patch.active)
        return user && toUserView(user)
      },
      async setPassword(id, passwordHash) {
        // a new password ends the sessions the old one opened (API tokens are separate and stay)
        await store.db.transaction().execute(async (trx) => {
          await createIdentityStore(trx).setPasswordHash(id, passwordHash)
          await trx.deleteFrom('session').where('user_id', '=', id).execute()
        })
      },
      list: async () => (await identity.listUsers()).map(toUserView),
      count: () => identity.countUsers(),
    },

    memberships: {
      set: (app, userId, roles, attributes) => identity.setMembership(app, userId, { roles, attributes }),
      ofApp: (app) => identity.listMembers(app),
      ofUser: (userId) => identity.listMemberships(userId),
    },

    sessions: {
      create: (userId, ttlMs) => identity.createSession(userId, ttlMs),
      async find(token) {
        const s = await identity.findSession(token)
        return (
          s && { userId: s.userId, csrfToken: s.csrfToken, expiresAt: s.expiresAt, user: toUserView(s.user) }
        )
      },
      delete: (token) => identity.deleteSession(token),
    },

    tokens: {
      async create(userId, name) {
        const { id, token } = await identity.createApiToken(userId, name)
        const info = (await identity.listApiTokens(userId)).find((t) => t.id === id)
        return {
          token,
          info: info
            ? toTokenInfo(info)
            : { id, userId, name, createdAt: new Date().toISOString(), lastUsedAt: null, revokedAt: null },
        }
      },
      async find(token) {
        const found = await identity.findApiToken(token)
        return found && { info: toTokenInfo(found.token), user: toUserView(found.user) }
      },
      list: async (userId) => (await identity.listApiTokens(userId)).map(toTokenInfo),
      revoke: (id, userId) => identity.revokeApiToken(id, userId ?? undefined),
    },

    files: {
      create: async (input) => toFileInfo(await files.create({ ...input, size: 0 })),
      async complete(id, size, sha256) {
        const f = await files.complete(id, { size, sha256 })
        return f && toFileInfo(f)
      },
      async fail(id) {
        await files.fail(id)
      },
      async get(id) {
        const f = await files.get(id)
        return f && toFileInfo(f)
      },
      getMany: async (ids) => (await files.getMany(ids)).map(toFileInfo),
    },

    apps: {
      list: async () => (await apps.listApps()).map((a) => ({ ...a, updatedAt: iso(a.updatedAt)! })),
      saveDraft: (key, draft, actor) => apps.saveDraft(key, draft, actor),
      async draft(key) {
        const draft = await apps.getDraft(key)
        return draft && typeof draft === 'object' ? (draft as Record<string, unknown>) : undefined
      },
      async published(key, version) {
        const v = await apps.getVersion(key, version)
        return v && { version: v.version, definition: v.definition }
      },
      versions: async (key) =>
        (await apps.listVersions(key)).map((v) => ({
          version: v.version,
          publishedBy: v.publishedBy,
          publishedAt: iso(v.publishedAt)!,
        })),
    },

    savedViews: createSavedViewStore(store),
    loginAttempts: createLoginAttemptStore(store),

    publicLinks: {
      async create(app, form, token, createdBy) {
        const row = await db
          .insertInto('public_link')
          .values({ token_hash: sha256Hex(token), token, app, form, created_by: createdBy })
          .returningAll()
          .executeTakeFirstOrThrow()
        return {
          token: row.token,
          app: row.app,
          form: row.form,
          createdBy: row.created_by,
          createdAt: iso(row.created_at)!,
        }
      },
      async find(token) {
        const row = await db
          .selectFrom('public_link')
          .selectAll()
          .where('token_hash', '=', sha256Hex(token))
          .where('revoked_at', 'is', null)
          .executeTakeFirst()
        return (
          row && {
            token: row.token,
            app: row.app,
            form: row.form,
            createdBy: row.created_by,
            createdAt: iso(row.created_at)!,
          }
        )
      },
    },

    comments: {
      async add(app, recordId, author, body) {
        const row = await db
          .insertInto('record_comment')
          .values({ app, record_id: recordId, author, body })
          .returningAll()
          .executeTakeFirstOrThrow()
        return { id: row.id, recordId: row.record_id, author: row.author, body: row.body, at: iso(row.at)! }
      },
      async list(app, recordId) {
        if (!UUID.test(recordId)) return []
        const rows = await db
          .selectFrom('record_comment')
          .selectAll()
          .where('app', '=', app)
          .where('record_id', '=', recordId)
          .orderBy('at')
          .orderBy('id')
          .execute()
        return rows.map((r) => ({
          id: r.id,
          recordId: r.record_id,
          author: r.author,
          body: r.body,
          at: iso(r.at)!,
        }))
      },
    },

    async inbox(userId, limit) {
      if (!UUID.test(userId)) return []
      // Assigned to me, or an approval still waiting for my decision; the earliest armed timer is the SLA.
      const rows = await store.db
        .selectFrom('workflow_instance as wi')
        .select('wi.record_id')
        .select(
          sql<Date | null>`(select min(t.due_at) from timer t where t.record_id = wi.record_id and t.app = wi.app and t.status = 'armed')`.as(
            'due',
          ),
        )
        .where((eb) =>
          eb.or([
            eb('wi.assignee', '=', userId),
            sql<boolean>`(coalesce(wi.approval -> 'approvers', '[]'::jsonb) ? ${userId} and not exists (
              select 1 from jsonb_array_elements(coalesce(wi.approval -> 'decisions', '[]'::jsonb)) d
              where d ->> 'userId' = ${userId}))`,
          ]),
        )
        .orderBy(sql`2 asc nulls last`)
        .orderBy('wi.updated_at', 'asc')
        .limit(limit)
        .execute()
      return rows.map((r) => r.record_id)
    },

    async audit(entry) {
      await audit.write({ ...entry, actor: entry.actor && UUID.test(entry.actor) ? entry.actor : null })
    },

    changes: { publish: (n) => feed.publish(n), subscribe: (l) => feed.subscribe(l) },
  }
}
