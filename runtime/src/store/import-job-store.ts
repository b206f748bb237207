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
  /** rows not written: unchanged on re-import, or duplicates */
  skipped: number
  /** how the file was decoded; null until it is read */
  encoding: string | null
  /** the CSV's separator; null for XLSX and until it is read */
  delimiter: string | null
  /** headers no field took */
  unmappedColumns: string[]
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
  skipped: r.skipped,
  encoding: r.encoding,
  delimiter: r.delimiter ?? null,
  unmappedColumns: r.unmapped_columns ?? [],
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
        | 'status'
        | 'total'
        | 'processed'
        | 'created'
        | 'updated'
        | 'failed'
        | 'skipped'
        | 'encoding'
        | 'delimiter'
        | 'unmappedColumns'
        | 'errors'
        | 'finishedAt'
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
        ...(patch.skipped !== undefined ? { skipped: patch.skipped } : {}),
        ...(patch.encoding !== undefined ? { encoding: patch.encoding } : {}),
        ...(patch.delimiter !== undefined ? { delimiter: patch.delimiter } : {}),
        ...(patch.unmappedColumns !== undefined
          ? { unmapped_columns: JSON.stringify(patch.unmappedColumns) }
          : {}),
        ...(patch.errors !== undefined ? { errors: JSON.stringify(patch.errors) } : {}),
        ...(patch.finishedAt !== undefined ? { finished_at: patch.finishedAt } : {}),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
    return row && toJob(row)
  },

  /** The job runs in this process from now on: it says so, and keeps saying so by `heartbeat`. */
  async start(id: string, runner: string): Promise<void> {
    await db
      .updateTable('import_job')
      .set({ status: 'running', runner, heartbeat_at: new Date() })
      .where('id', '=', id)
      .execute()
  },

  async heartbeat(id: string, runner: string): Promise<void> {
    await db
      .updateTable('import_job')
      .set({ heartbeat_at: new Date() })
      .where('id', '=', id)
      .where('runner', '=', runner)
      .where('status', '=', 'running')
      .execute()
  },

  /**
   * Marks failed, with `issue` as its one error, every unfinished job whose runner is gone: one
   * `isGone` recognises (a dead process on this host), or whose heartbeat (creation, for a job never
   * started) is older than `staleBefore`. Conditional on the runner seen, so a job another process
   * just took over is left alone. Returns the jobs it marked.
   */
  async failOrphans(
    isGone: (runner: string) => boolean,
    staleBefore: Date,
    issue: (job: ImportJob) => unknown,
  ): Promise<ImportJob[]> {
    const open = await db
      .selectFrom('import_job')
      .selectAll()
      .where('status', 'in', ['pending', 'running'])
      .execute()
    const marked: ImportJob[] = []
    for (const row of open) {
      const seen = row.heartbeat_at ?? row.created_at
      if (!(row.runner && isGone(row.runner)) && seen >= staleBefore) continue
      const job = toJob(row)
      let q = db
        .updateTable('import_job')
        .set({ status: 'failed', finished_at: new Date(), errors: JSON.stringify([issue(job)]) })
        .where('id', '=', row.id)
        .where('status', 'in', ['pending', 'running'])
      q = row.runner === null ? q.where('runner', 'is', null) : q.where('runner', '=', row.runner)
      const done = await q.returningAll().executeTakeFirst()
      if (done) marked.push(toJob(done))
    }
    return marked
  },

  async list(app: string, form?: string, limit = 50): Promise<ImportJob[]> {
    let q = db.selectFrom('import_job').selectAll().where('app', '=', app)
    if (form) q = q.where('form', '=', form)
    const rows = await q.orderBy('created_at', 'desc').limit(limit).execute()
    return rows.map(toJob)
  },
})

export type ImportJobStore = ReturnType<typeof createImportJobStore>
