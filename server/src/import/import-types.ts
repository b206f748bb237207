import type {
  ColumnMapping,
  ImportProfile,
  ImportStep,
  LocalizedMessage,
  AppDefinition,
} from '@tessera/schemas'
import type { Actor, Engine, Store } from '@tessera/runtime'
import type { ImportSource } from './read-rows.js'

/** One problem with one row (or, with `row` 0, with the file). */
export interface ImportIssue {
  /** the row number in the file, the header being row 1 */
  row: number
  /** the source column, or '' for the whole row */
  column: string
  value: string
  /** machine code: `required`, `option`, `number`, `date`, `duplicate`, `unmatched`, `unique`... */
  code: string
  /** in English, for the CSV report; `message` has both languages */
  reason: string
  message: LocalizedMessage
  /** a warning leaves the row imported (e.g. an unmatched relation left unlinked) */
  severity: 'error' | 'warning'
}

export interface ImportSummary {
  /** data rows read */
  read: number
  /** records created */
  imported: number
  /** records that existed (same external key) and changed */
  updated: number
  /** rows not written: unchanged on re-import, or duplicates within the file */
  skipped: number
  /** rows refused */
  failed: number
  /** of `skipped`: rows that matched an existing record with no change */
  unchanged: number
  /** row problems, errors and warnings, in row order */
  errors: ImportIssue[]
  /** how the file was decoded */
  encoding: string | null
  /** the CSV's separator (`,` `;` tab `|`), declared or detected; null for XLSX */
  delimiter: string | null
  /** headers no field took */
  unmappedColumns: string[]
  dryRun: boolean
}

export interface ImportProgress {
  read: number
  imported: number
  updated: number
  skipped: number
  failed: number
}

export interface RunImportOptions {
  engine: Engine
  store: Store
  /** the app's published definition */
  app: AppDefinition
  form: string
  source: ImportSource
  /** a profile (its step for this form is used, or `step` names one) or a single step */
  profile?: ImportProfile | ImportStep
  step?: string
  /** column -> field, when there is no profile: an explicit list, or a plain `{column: field}` object */
  mapping?: ColumnMapping[] | Record<string, string>
  /** parse, map and check every row, write nothing */
  dryRun?: boolean
  /**
   * a row repeating the value of the app's duplicate rule that a stored record holds (the same
   * e-mail) is skipped with a warning naming that record, instead of being created and flagged
   */
  skipDuplicates?: boolean
  actor: Actor
  onProgress?: (progress: ImportProgress) => void
  /** rows per engine batch (one transaction each when the engine has `importBatch`) */
  batchSize?: number
  /** rows submitted side by side (default 4 on PostgreSQL, 1 on PGlite; always 1 when rows are assigned on entry) */
  concurrency?: number
}
