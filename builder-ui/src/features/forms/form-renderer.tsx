import type { FieldAccess, FormDefinition } from '@tessera/schemas'
import { Alert, Typography } from 'antd'
import { useCallback, useId, useMemo, useRef } from 'react'
import { useT } from '../../i18n/i18n-context.js'
import { useApp } from '../apps/app-queries.js'
import { FormField } from './form-field.js'
import { formSections } from './form-sections.js'
import { evaluateForm, type FormData } from './logic/form-logic.js'
import { type AppForms, shownFields } from './logic/linked-fields.js'
import { useLiveLookups, useRelationFill } from './use-linked-values.js'
import type { UploadState } from './widgets/widget-props.js'

export interface FormRendererProps {
  /** the published (or, in the builder's preview, draft) form */
  definition: FormDefinition
  value: FormData
  onChange: (value: FormData) => void
  /** messages per field key; subform cells as `subform/row/column` */
  errors?: Record<string, string[]>
  /** per-state access of the current user; fields it does not name are editable */
  access?: Record<string, FieldAccess>
  /** every field shown as text */
  readOnly?: boolean
  /** the app key, for member and relation pickers (optional in a preview) */
  app?: string
  /** upload state per file field, so the caller can hold submit while one runs (C8) */
  onUploadsChange?: (states: Record<string, UploadState>) => void
  /** a field lost the focus: its problems may show now */
  onFieldBlur?: (key: string) => void
  /** choosing a record in a relation with `fill` fills the mapped fields (creating and editing a
   * record: where the server fills too, not in a transition's payload) */
  linkage?: boolean
  /** the app's forms, for what lookups and rollups show (default: the app's published definition) */
  forms?: AppForms
}

/**
 * Renders any form from its definition: sections with columns, a widget per field type, conditions
 * and formulas live, state access applied (hidden absent, read as text, required marked).
 */
export function FormRenderer({
  definition,
  value,
  onChange,
  errors = {},
  access = {},
  readOnly = false,
  app,
  onUploadsChange,
  onFieldBlur,
  linkage = false,
  forms,
}: FormRendererProps) {
  const { label } = useT()
  const idPrefix = useId()
  const published = useApp(forms ? '' : (app ?? ''))
  const appForms = forms ?? published.data?.definition
  const shown = useMemo(() => shownFields(appForms, definition), [appForms, definition])
  const evaluation = useMemo(() => evaluateForm(definition, value, access), [definition, value, access])
  const sections = useMemo(() => formSections(definition), [definition])
  const latest = useRef(value)
  latest.current = value
  const uploads = useRef<Record<string, UploadState>>({})
  const lookups = useLiveLookups(definition, value, app, access)
  const fill = useRelationFill(definition, latest, onChange, access, linkage && !readOnly && Boolean(app))
  const fields = useMemo(() => new Map(definition.fields.map((f) => [f.key, f])), [definition])

  const { typed, onPick } = fill
  const setField = useCallback(
    (key: string, v: unknown) => {
      const next = { ...latest.current }
      if (v === undefined) delete next[key]
      else next[key] = v
      // the fill that follows builds on this value, even before the parent renders again
      latest.current = next
      typed(key)
      onChange(next)
      const field = fields.get(key)
      if (field?.fill) void onPick(field, v)
    },
    [onChange, typed, onPick, fields],
  )
  const setUpload = useCallback(
    (key: string, s: UploadState) => {
      if (uploads.current[key] === s) return
      uploads.current = { ...uploads.current, [key]: s }
      onUploadsChange?.(uploads.current)
    },
    [onUploadsChange],
  )

  return (
    <div className="form-renderer">
      {/* problems of the form as a whole (a form rule that names no field) */}
      {errors._form && (
        <Alert type="error" showIcon role="alert" className="form-problems" title={errors._form.join(' ')} />
      )}
      {sections.map((s) => {
        const fields = s.fields.filter((f) => evaluation.visible.has(f.key))
        if (fields.length === 0) return null
        return (
          <section key={s.fields[0]?.key} className="form-section">
            {s.title !== null && <Typography.Title level={5}>{label(s.title)}</Typography.Title>}
            <div className="form-grid" style={{ ['--columns' as string]: s.columns }}>
              {fields.map((f) => (
                <div
                  key={f.key}
                  className={
                    f.type === 'subform' || f.type === 'address' || f.type === 'textarea'
                      ? 'form-cell form-cell-wide'
                      : 'form-cell'
                  }
                >
                  <FormField
                    field={f}
                    value={
                      f.type === 'formula'
                        ? evaluation.data[f.key]
                        : f.key in lookups
                          ? lookups[f.key]?.value
                          : value[f.key]
                    }
                    shownAs={shown.get(f.key)}
                    onChange={setField}
                    access={readOnly ? 'read' : (access[f.key] ?? (f.readOnly ? 'read' : 'edit'))}
                    required={evaluation.required.has(f.key)}
                    errors={errors[f.key]}
                    cellErrors={f.type === 'subform' ? cellErrorsOf(errors, f.key) : undefined}
                    app={app}
                    idPrefix={idPrefix}
                    onUploadState={setUpload}
                    onBlur={onFieldBlur}
                  />
                </div>
              ))}
            </div>
          </section>
        )
      })}
    </div>
  )
}

function cellErrorsOf(errors: Record<string, string[]>, key: string): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  const prefix = `${key}/`
  for (const [k, v] of Object.entries(errors)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v
  return out
}
