import type { AppDefinition, MigrationMap } from '@tessera/schemas'
import { type Kysely, sql } from 'kysely'
import type { Database } from './database.js'

export interface AppSummary {
  key: string
  name: unknown
  publishedVersion: number | null
  hasDraft: boolean
  updatedAt: Date
}

export interface PublishedVersion {
  app: string
  version: number
  definition: AppDefinition
  migration: MigrationMap | null
  publishedAt: Date
  publishedBy: string | null
}

/** App definitions: one draft per app (any JSON, so autosave never loses work) and immutable published versions. */
export const createAppStore = (db: Kysely<Database>) => ({
  async listApps(): Promise<AppSummary[]> {
    const rows = await db
      .selectFrom('app')
      .select([
        'key',
        'name',
        'published_version',
        'updated_at',
        sql<boolean>`draft is not null`.as('has_draft'),
      ])
      .orderBy('key')
      .execute()
    return rows.map((r) => ({
      key: r.key,
      name: r.name,
      publishedVersion: r.published_version,
      hasDraft: r.has_draft,
      updatedAt: r.updated_at,
    }))
  },

  async getApp(key: string): Promise<(AppSummary & { draft: unknown }) | undefined> {
    const r = await db.selectFrom('app').selectAll().where('key', '=', key).executeTakeFirst()
    return (
      r && {
        key: r.key,
        name: r.name,
        publishedVersion: r.published_version,
        hasDraft: r.draft !== null,
        updatedAt: r.updated_at,
        draft: r.draft,
      }
    )
  },

  /** Saves the draft, creating the app on its first save. */
  async saveDraft(key: string, draft: unknown, actor: string | null, now = new Date()): Promise<void> {
    const name = JSON.stringify(
      draft && typeof draft === 'object' && 'name' in draft
        ? ((draft as { name: unknown }).name ?? key)
        : key,
    )
    await db
      .insertInto('app')
      .values({
        key,
        name,
        draft: JSON.stringify(draft),
        created_by: actor,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ draft: JSON.stringify(draft), name, updated_at: now }),
      )
      .execute()
  },

  async getDraft(key: string): Promise<unknown> {
    const r = await db.selectFrom('app').select('draft').where('key', '=', key).executeTakeFirst()
    return r?.draft ?? undefined
  },

  /** A published version, or the latest when `version` is omitted. */
  async getVersion(app: string, version?: number): Promise<PublishedVersion | undefined> {
    let q = db.selectFrom('app_version').selectAll().where('app', '=', app)
    q = version === undefined ? q.orderBy('version', 'desc').limit(1) : q.where('version', '=', version)
    const r = await q.executeTakeFirst()
    return (
      r && {
        app: r.app,
        version: r.version,
        definition: r.definition as AppDefinition,
        migration: (r.migration ?? null) as MigrationMap | null,
        publishedAt: r.published_at,
        publishedBy: r.published_by,
      }
    )
  },

  /** Creates the app row if needed and locks it: concurrent publishes get consecutive versions. Returns the next version. */
  async lockForPublish(key: string, name: unknown, actor: string | null, now: Date): Promise<number> {
    await db
      .insertInto('app')
      .values({ key, name: JSON.stringify(name), created_by: actor, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute()
    const app = await db
      .selectFrom('app')
      .select('published_version')
      .where('key', '=', key)
      .forUpdate()
      .executeTakeFirstOrThrow()
    return (app.published_version ?? 0) + 1
  },

  async insertVersion(
    key: string,
    version: number,
    definition: AppDefinition,
    migration: MigrationMap | null,
    actor: string | null,
    now: Date,
  ): Promise<void> {
    await db
      .insertInto('app_version')
      .values({
        app: key,
        version,
        definition: JSON.stringify(definition),
        migration: migration ? JSON.stringify(migration) : null,
        published_by: actor,
        published_at: now,
      })
      .execute()
    await db
      .updateTable('app')
      .set({ published_version: version, name: JSON.stringify(definition.name), updated_at: now })
      .where('key', '=', key)
      .execute()
  },

  async listVersions(
    app: string,
  ): Promise<{ version: number; publishedAt: Date; publishedBy: string | null }[]> {
    const rows = await db
      .selectFrom('app_version')
      .select(['version', 'published_at', 'published_by'])
      .where('app', '=', app)
      .orderBy('version')
      .execute()
    return rows.map((r) => ({ version: r.version, publishedAt: r.published_at, publishedBy: r.published_by }))
  },
})

export type AppStore = ReturnType<typeof createAppStore>
