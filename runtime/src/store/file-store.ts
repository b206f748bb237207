import type { Kysely } from 'kysely'
import type { Database, FileRow } from './database.js'
import { isUuid } from './uuid.js'

/** Metadata of an uploaded file; the bytes live wherever `storageKey` points (the server decides). */
export interface StoredFile {
  id: string
  owner: string | null
  app: string | null
  name: string
  size: number
  type: string
  sha256: string | null
  status: 'pending' | 'completed' | 'failed'
  storageKey: string
  createdAt: Date
  completedAt: Date | null
}

const toFile = (r: FileRow): StoredFile => ({
  id: r.id,
  owner: r.owner,
  app: r.app,
  name: r.name,
  size: r.size,
  type: r.type,
  sha256: r.sha256,
  status: r.status,
  storageKey: r.storage_key,
  createdAt: r.created_at,
  completedAt: r.completed_at,
})

/** File metadata: an upload starts `pending` and only a `completed` file may be referenced (C8). */
export const createFileStore = (db: Kysely<Database>) => ({
  async create(input: {
    owner: string | null
    app?: string | null
    name: string
    size: number
    type: string
    storageKey: string
  }): Promise<StoredFile> {
    const row = await db
      .insertInto('file')
      .values({
        owner: input.owner,
        app: input.app ?? null,
        name: input.name,
        size: input.size,
        type: input.type,
        storage_key: input.storageKey,
        status: 'pending',
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toFile(row)
  },

  async complete(
    id: string,
    input: { size: number; sha256: string },
    now = new Date(),
  ): Promise<StoredFile | undefined> {
    if (!isUuid(id)) return undefined
    const row = await db
      .updateTable('file')
      .set({ status: 'completed', size: input.size, sha256: input.sha256, completed_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
    return row && toFile(row)
  },

  async fail(id: string): Promise<StoredFile | undefined> {
    if (!isUuid(id)) return undefined
    const row = await db
      .updateTable('file')
      .set({ status: 'failed' })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
    return row && toFile(row)
  },

  async get(id: string): Promise<StoredFile | undefined> {
    if (!isUuid(id)) return undefined
    const row = await db.selectFrom('file').selectAll().where('id', '=', id).executeTakeFirst()
    return row && toFile(row)
  },

  async getMany(ids: string[]): Promise<StoredFile[]> {
    const valid = ids.filter(isUuid)
    if (valid.length === 0) return []
    const rows = await db.selectFrom('file').selectAll().where('id', 'in', valid).execute()
    return rows.map(toFile)
  },
})

export type FileStore = ReturnType<typeof createFileStore>
