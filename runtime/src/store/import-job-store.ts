import type { Kysely } from 'kysely'
import type { Database, ImportJobRow } from './database.js'
import { isUuid } from './uuid.js'

export interface ImportJob {
  id: string
  app: string
  form: string
  status: 'pending' | 'running' | 'done' | 'failed'
  createdBy: string | null
  fileName: string | null
  total: number
  processed: number
  created: number
  updated: number
  failed: number
  errors: unknown[]
  options: Record<string, unknown>
  createdAt: Date
  finishedAt: Date | null
}

const toJob = (r: ImportJobRow): ImportJob => ({
  id: r.id,
  app: r.app,
  form: r.form,
  status: r.status,
  createdBy: r.created_by,
  fileName: r.file_name,
  total: r.total,
  processed: r.processed,
  created: r.created,
  updated: r.updated,
  failed: r.failed,
  errors: (r.errors ?? []) as unknown[],
  options: (r.options ?? {}) as Record<string, unknown>,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
})

/** Import jobs: progress and per-row errors, visible while the import runs. */
export const createImportJobStore = (db: Kysely<Database>) => ({
  async create(input: {
    app: string
    form: string
    createdBy: string | null
    fileName?: string | null
    total?: number
    options?: Record<string, unknown>
  }): Promise<ImportJob> {
    const row = await db
      .insertInto('import_job')
      .values({
        app: input.app,
        form: input.form,
        created_by: input.createdBy,
        file_name: input.fileName ?? null,
        total: input.total ?? 0,
        status: 'pending',
        errors: '[]',
        options: JSON.stringify(input.options ?? {}),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toJob(row)
  },

  async get(id: string): Promise<ImportJob | undefined> {
    if (!isUuid(id)) return undefined
    const row = await db.selectFrom('import_job').selectAll().where('id', '=', id).executeTakeFirst()
    return row && toJob(row)
  },

  async update(
    id: string,
    patch: Partial<
      Pick<
        ImportJob,
        'status' | 'total' | 'processed' | 'created' | 'updated' | 'failed' | 'errors' | 'finishedAt'
      >
    >,
  ): Promise<ImportJob | undefined> {
    const row = await db
      .updateTable('import_job')
      .set({
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.total !== undefined ? { total: patch.total } : {}),
        ...(patch.processed !== undefined ? { processed: patch.processed } : {}),
        ...(patch.created !== undefined ? { created: patch.created } : {}),
        ...(patch.updated !== undefined ? { updated: patch.updated } : {}),
        ...(patch.failed !== undefined ? { failed: patch.failed } : {}),
        ...(patch.errors !== undefined ? { errors: JSON.stringify(patch.errors) } : {}),
        ...(patch.finishedAt !== undefined ? { finished_at: patch.finishedAt } : {}),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
    return row && toJob(row)
  },

  async list(app: string, form?: string, limit = 50): Promise<ImportJob[]> {
    let q = db.selectFrom('import_job').selectAll().where('app', '=', app)
    if (form) q = q.where('form', '=', form)
    const rows = await q.orderBy('created_at', 'desc').limit(limit).execute()
    return rows.map(toJob)
  },
})

export type ImportJobStore = ReturnType<typeof createImportJobStore>
