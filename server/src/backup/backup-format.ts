/**
 * The backup file: JSON lines. The first line is the header; then, table by table in dependency
 * order, one line per row as PostgreSQL's own `row_to_json` wrote it (numerics and big integers
 * exact, timestamps with their offset, jsonb as JSON); the last line is the trailer with the row
 * counts, so a truncated file is refused instead of half restored.
 */
export const BACKUP_FORMAT = 'tessera-backup'
export const BACKUP_VERSION = 1

export interface BackupHeader {
  format: typeof BACKUP_FORMAT
  version: typeof BACKUP_VERSION
  createdAt: string
  dialect: 'pglite' | 'pg'
  migrations: string[]
  tables: string[]
}

export interface BackupRow {
  table: string
  row: Record<string, unknown>
}

export interface BackupTrailer {
  end: true
  counts: Record<string, number>
}

export type BackupLine = BackupHeader | BackupRow | BackupTrailer

export const isHeader = (v: unknown): v is BackupHeader =>
  typeof v === 'object' && v !== null && (v as BackupHeader).format === BACKUP_FORMAT
export const isRow = (v: unknown): v is BackupRow =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as BackupRow).table === 'string' &&
  typeof (v as BackupRow).row === 'object'
export const isTrailer = (v: unknown): v is BackupTrailer =>
  typeof v === 'object' && v !== null && (v as BackupTrailer).end === true
