import type { Store } from '@tessera/runtime'
import { sql } from 'kysely'
import type { ServerTables } from './server-tables.js'

/** A saved table setup; `settings` is the UI's (validated by the route's schema). */
export interface SavedView {
  id: string
  app: string
  form: string
  owner: string
  ownerName: string | null
  name: string
  shared: boolean
  /** shared with one role only; null = every member of the app */
  role: string | null
  settings: Record<string, unknown>
  updatedAt: string
}

export interface SavedViewChange {
  name?: string
  shared?: boolean
  role?: string | null
  settings?: Record<string, unknown>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

type Row = {
  id: string
  app: string
  form: string
  owner: string
  owner_name: string | null
  name: string
  shared: boolean
  shared_role: string | null
  settings: unknown
  updated_at: Date | string
}
const toView = (r: Row): SavedView => ({
  id: r.id,
  app: r.app,
  form: r.form,
  owner: r.owner,
  ownerName: r.owner_name,
  name: r.name,
  shared: r.shared,
  role: r.shared_role,
  settings: (typeof r.settings === 'string' ? JSON.parse(r.settings) : r.settings) as Record<string, unknown>,
  updatedAt: new Date(r.updated_at).toISOString(),
})

/** Saved views in the server's `saved_view` table; who may see or change one is the route's rule. */
export function createSavedViewStore(store: Store) {
  const db = store.db.withTables<ServerTables>()
  const select = () =>
    db
      .selectFrom('saved_view as v')
      .leftJoin('app_user as u', 'u.id', 'v.owner')
      .select([
        'v.id',
        'v.app',
        'v.form',
        'v.owner',
        'u.name as owner_name',
        'v.name',
        'v.shared',
        'v.shared_role',
        'v.settings',
        'v.updated_at',
      ])
  return {
    /** the user's own views and the shared ones of one form, mine first, each group by name */
    async list(app: string, form: string, userId: string): Promise<SavedView[]> {
      const rows = await select()
        .where('v.app', '=', app)
        .where('v.form', '=', form)
        .where((eb) => eb.or([eb('v.owner', '=', userId), eb('v.shared', '=', true)]))
        .orderBy(sql`v.owner = ${userId}`, 'desc')
        .orderBy('v.name')
        .execute()
      return rows.map((r) => toView(r as Row))
    },
    async get(id: string): Promise<SavedView | undefined> {
      if (!UUID.test(id)) return undefined
      const row = await select().where('v.id', '=', id).executeTakeFirst()
      return row && toView(row as Row)
    },
    async create(
      view: Pick<SavedView, 'app' | 'form' | 'owner' | 'name' | 'shared' | 'role' | 'settings'>,
    ): Promise<string> {
      const row = await db
        .insertInto('saved_view')
        .values({
          app: view.app,
          form: view.form,
          owner: view.owner,
          name: view.name,
          shared: view.shared,
          shared_role: view.role,
          settings: JSON.stringify(view.settings),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    },
    async update(id: string, change: SavedViewChange): Promise<void> {
      await db
        .updateTable('saved_view')
        .set({
          ...(change.name !== undefined ? { name: change.name } : {}),
          ...(change.shared !== undefined ? { shared: change.shared } : {}),
          ...(change.role !== undefined ? { shared_role: change.role } : {}),
          ...(change.settings !== undefined ? { settings: JSON.stringify(change.settings) } : {}),
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .execute()
    },
    async remove(id: string): Promise<void> {
      await db.deleteFrom('saved_view').where('id', '=', id).execute()
    },
  }
}

export type SavedViewStore = ReturnType<typeof createSavedViewStore>
