import { type FieldAccess, type FieldDefinition, isLinkedField } from '@tessera/schemas'
import { Typography } from 'antd'
import { memo } from 'react'
import { useT } from '../../i18n/i18n-context.js'
import { FieldValue } from './field-value.js'
import { FieldWidget } from './field-widget.js'
import type { UploadState } from './widgets/widget-props.js'

export interface FormFieldProps {
  field: FieldDefinition
  value: unknown
  onChange: (key: string, value: unknown) => void
  access: FieldAccess
  required: boolean
  errors?: string[]
  cellErrors?: Record<string, string[]>
  app?: string
  idPrefix: string
  onUploadState: (key: string, state: UploadState) => void
  onBlur?: (key: string) => void
  /** how a lookup or rollup reads (linked-fields.ts shownAs) */
  shownAs?: FieldDefinition
}

/** One field: label (required marked), input or read-only text, help, its errors. */
export const FormField = memo(function FormField(props: FormFieldProps) {
  const { field, access, required, errors, idPrefix } = props
  const { label } = useT()
  const id = `${idPrefix}-${field.key}`
  const linked = isLinkedField(field)
  const readOnly = access === 'read' || field.type === 'formula' || field.type === 'serial' || linked
  const invalid = Boolean(errors?.length)
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: it only hears focus leave the inputs inside
    <div
      className={`form-field${invalid ? ' form-field-invalid' : ''}`}
      data-field={field.key}
      onBlur={(e) => {
        // leaving the field, not moving between its own parts (a subform's cells, an address's inputs)
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) props.onBlur?.(field.key)
      }}
    >
      <label htmlFor={id} className="form-field-label" id={`${id}-label`}>
        {required && !readOnly && (
          <span className="required-mark" aria-hidden="true">
            *{' '}
          </span>
        )}
        {label(field.label, field.key)}
      </label>
      {linked ? (
        // computed by the server from related records: shown, never edited, announced when it changes
        <output className="form-field-read computed-value" id={id} aria-live="polite">
          <FieldValue field={props.shownAs ?? field} value={props.value} app={props.app} />
        </output>
      ) : readOnly && field.type !== 'formula' && field.type !== 'serial' ? (
        <div className="form-field-read" id={id}>
          <FieldValue field={field} value={props.value} app={props.app} />
        </div>
      ) : (
        <FieldWidget
          field={field}
          value={props.value}
          onChange={(v) => props.onChange(field.key, v)}
          app={props.app}
          id={id}
          invalid={invalid}
          cellErrors={props.cellErrors}
          onUploadState={(s) => props.onUploadState(field.key, s)}
        />
      )}
      {field.help !== undefined && (
        <Typography.Text type="secondary" className="form-field-help">
          {label(field.help)}
        </Typography.Text>
      )}
      {errors?.map((m) => (
        <Typography.Text key={m} type="danger" className="field-error" role="alert">
          {m}
        </Typography.Text>
      ))}
    </div>
  )
})
