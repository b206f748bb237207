import type { LocalizedMessage } from '@tessera/schemas'
import type { ImportBatchResult, ImportBatchRow, RecordView } from '@tessera/runtime'
import { isTesseraError } from '@tessera/runtime'
import type { RunImportOptions } from './import-types.js'

/** One row ready for the engine: its data and its import options. */
export interface SubmitRow {
  data: Record<string, unknown>
  options: ImportBatchRow['options']
}

/**
 * A batch through the engine: one transaction when it offers `importBatch`, else one submit per row,
 * `concurrency` at a time (each submit is its own transaction, so PostgreSQL runs them side by side).
 */
export async function submitRows(
  options: RunImportOptions,
  form: string,
  rows: SubmitRow[],
  concurrency = 1,
): Promise<ImportBatchResult[]> {
  const { engine, app, actor } = options
  const batch: ImportBatchRow[] = rows.map((r) => ({ data: r.data, options: r.options }))
  if (engine.importBatch) return engine.importBatch(app.key, form, batch, actor)
  const results: ImportBatchResult[] = new Array(batch.length)
  const one = async (i: number) => {
    const row = batch[i] as ImportBatchRow
    try {
      const record = await engine.submit(app.key, form, row.data, actor, row.options)
      results[i] = { ok: true, record, outcome: outcomeOf(record) }
    } catch (error) {
      if (!isTesseraError(error)) throw error
      results[i] = { ok: false, error }
    }
  }
  // Workers pull rows in file order; results keep that order whatever finishes first.
  let next = 0
  const worker = async () => {
    while (next < batch.length) await one(next++)
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, batch.length)) }, worker))
  return results
}

/** Without `importOutcome` a record is new when it is at its first version. */
const outcomeOf = (record: RecordView): 'created' | 'updated' | 'unchanged' =>
  record.importOutcome ??
  (record.version === 1 && record.createdAt === record.updatedAt ? 'created' : 'updated')

export interface RowProblem {
  field: string
  code: string
  message: LocalizedMessage
}

/** An engine refusal as per-field problems (`/email` -> `email`); anything else as a row problem. */
export function problemsOf(error: unknown): RowProblem[] {
  if (!isTesseraError(error)) throw error
  const problems = error.details?.problems ?? []
  if (problems.length === 0) {
    const field = typeof error.details?.field === 'string' ? error.details.field : ''
    return [{ field, code: error.code.toLowerCase(), message: error.localized }]
  }
  return problems.map((p) => ({
    field: p.path.replace(/^\//, '').split('/')[0] ?? '',
    code: p.code,
    message: p.message,
  }))
}
