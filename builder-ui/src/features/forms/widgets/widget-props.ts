import type { FieldDefinition } from '@tessera/schemas'

export type UploadState = 'idle' | 'uploading' | 'failed'

/** What every field widget takes: one field, its value, and a way to change it. */
export interface WidgetProps<V = unknown> {
  field: FieldDefinition
  value: V | undefined
  onChange: (value: V | undefined) => void
  /** the app the form belongs to: pickers search its members and records */
  app?: string
  invalid?: boolean
  /** id of the input, so the label's htmlFor reaches it */
  id: string
  placeholder?: string
  /** row errors of a subform, keyed `row/column` */
  cellErrors?: Record<string, string[]>
  onUploadState?: (state: UploadState) => void
}
