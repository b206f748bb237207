/**
 * An import job as the API answers it (POST and GET `/api/apps/:app/forms/:form/imports[/:job]`):
 * its progress, then the summary a local `tessera import` prints too.
 */
export interface ImportJobView {
  id: string
  app: string
  form: string
  status: 'pending' | 'running' | 'done' | 'failed'
  fileName: string | null
  total: number
  processed: number
  created: number
  updated: number
  failed: number
  /** rows not written: unchanged on re-import, or duplicates (of the file, or skipped as stored ones) */
  skipped: number
  /** how the file was decoded; null until it is read */
  encoding: string | null
  /** the CSV's separator (`,` `;` tab `|`), declared or detected; null for XLSX and until it is read */
  delimiter: string | null
  /** headers no field took */
  unmappedColumns: string[]
  errorCount: number
  errors: { row: number; column: string; value: string; code: string; reason: string; severity: string }[]
  options: Record<string, unknown>
  createdAt: string
  finishedAt: string | null
}

/** The JSON Schema of {@link ImportJobView}, for the routes' responses and the OpenAPI document. */
export const importJobSchema = {
  type: 'object',
  required: [
    'id',
    'app',
    'form',
    'status',
    'total',
    'processed',
    'created',
    'updated',
    'failed',
    'skipped',
    'unmappedColumns',
  ],
  properties: {
    id: { type: 'string' },
    app: { type: 'string' },
    form: { type: 'string' },
    status: { type: 'string', enum: ['pending', 'running', 'done', 'failed'] },
    fileName: { type: ['string', 'null'] },
    total: { type: 'integer' },
    processed: { type: 'integer' },
    created: { type: 'integer' },
    updated: { type: 'integer' },
    failed: { type: 'integer' },
    skipped: {
      type: 'integer',
      description: 'rows not written: unchanged on re-import, or duplicates of the file or of stored records',
    },
    encoding: { type: ['string', 'null'], description: 'how the file was decoded' },
    delimiter: {
      type: ['string', 'null'],
      description: "the CSV's separator (`,` `;` tab `|`), declared or detected; null for XLSX",
    },
    unmappedColumns: {
      type: 'array',
      items: { type: 'string' },
      description: 'headers no field took: their values were not imported',
    },
    errorCount: { type: 'integer' },
    errors: {
      type: 'array',
      description: 'the first 100 row problems; all of them in errors.csv',
      items: {
        type: 'object',
        properties: {
          row: { type: 'integer' },
          column: { type: 'string' },
          value: { type: 'string' },
          code: { type: 'string' },
          reason: { type: 'string' },
          severity: { type: 'string' },
        },
      },
    },
    options: { type: 'object', additionalProperties: true },
    createdAt: { type: 'string' },
    finishedAt: { type: ['string', 'null'] },
  },
} as const
