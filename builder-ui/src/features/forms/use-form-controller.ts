import type { FieldAccess, FormDefinition } from '@tessera/schemas'
import { useQuery } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { ApiError, errorsByField } from '../../api/api-error.js'
import { useT } from '../../i18n/i18n-context.js'
import { formSchemaQuery } from '../apps/app-queries.js'
import { clearDraft, loadDraft, saveDraft, type StoredDraft } from './form-draft.js'
import { issuesToErrors } from './issue-message.js'
import { evaluateForm, type FormData, toSubmission } from './logic/form-logic.js'
import { compileSchema } from './logic/schema-validator.js'
import { validateForm } from './logic/validate-form.js'
import type { UploadState } from './widgets/widget-props.js'

export interface FormControllerOptions {
  definition: FormDefinition | undefined
  app: string
  initial?: FormData
  access?: Record<string, FieldAccess>
  /** localStorage key for drafts; none = no drafts (editing a stored record) */
  draftKey?: string
  /** fetch the server's JSON Schema and check against it too */
  useServerSchema?: boolean
}

/**
 * The state of one form being filled: value, errors (shown once the user tried to submit, then
 * live), uploads in flight, the draft. `prepare()` says whether it may be sent and what to send.
 */
export function useFormController({
  definition,
  app,
  initial = {},
  access,
  draftKey,
  useServerSchema = true,
}: FormControllerOptions) {
  const { t, label } = useT()
  const [restored, setRestored] = useState<StoredDraft | null>(() => (draftKey ? loadDraft(draftKey) : null))
  const [value, setValue] = useState<FormData>(() => restored?.value ?? initial)
  const [touched, setTouched] = useState(false)
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({})
  const [uploads, setUploads] = useState<Record<string, UploadState>>({})
  const schema = useQuery({
    ...formSchemaQuery(app, definition?.key ?? ''),
    enabled: useServerSchema && Boolean(definition && app),
  })
  const schemaCheck = useMemo(() => compileSchema(schema.data), [schema.data])

  useEffect(() => {
    if (!draftKey) return
    const h = setTimeout(() => saveDraft(draftKey, value), 400)
    return () => clearTimeout(h)
  }, [draftKey, value])

  const fieldLabel = useCallback(
    (path: string) => {
      const key = path.split('/')[0] ?? path
      const f = definition?.fields.find((x) => x.key === key)
      return label(f?.label, key)
    },
    [definition, label],
  )

  const evaluation = useMemo(
    () => (definition ? evaluateForm(definition, value, access) : null),
    [definition, value, access],
  )
  const localErrors = useMemo(() => {
    if (!definition || !evaluation) return {}
    const issues = validateForm(definition, evaluation)
    if (schemaCheck) {
      const sent = toSubmission(definition, evaluation)
      for (const i of schemaCheck(sent)) if (!issues.some((x) => x.path === i.path)) issues.push(i)
    }
    return issuesToErrors(issues, t, fieldLabel)
  }, [definition, evaluation, schemaCheck, t, fieldLabel])

  const uploading = Object.values(uploads).includes('uploading')
  const uploadFailed = Object.entries(uploads)
    .filter(([, s]) => s === 'failed')
    .map(([k]) => k)
  const uploadErrors: Record<string, string[]> = {}
  for (const [k, s] of Object.entries(uploads)) {
    if (s === 'uploading' && touched) uploadErrors[k] = [t('form.uploading')]
    if (s === 'failed') uploadErrors[k] = [t('form.uploadFailed')]
  }
  const errors = { ...(touched ? localErrors : {}), ...serverErrors, ...uploadErrors }

  const change = useCallback((next: FormData) => {
    setValue(next)
    setServerErrors({})
  }, [])

  /** Marks the form as tried; returns the payload, or null while errors or uploads stand. */
  const prepare = (): FormData | null => {
    setTouched(true)
    if (!definition || !evaluation) return null
    if (uploading || uploadFailed.length > 0) return null
    if (Object.keys(localErrors).length > 0) return null
    return toSubmission(definition, evaluation, access)
  }

  /** Puts a 422's field errors on their fields; other errors are the caller's to show. */
  const applyServerError = (err: unknown): boolean => {
    if (err instanceof ApiError && err.errors.length > 0) {
      setServerErrors(errorsByField(err.errors))
      return true
    }
    return false
  }

  const discardDraft = () => {
    if (draftKey) clearDraft(draftKey)
    setRestored(null)
    setValue(initial)
  }
  const finish = () => {
    if (draftKey) clearDraft(draftKey)
    setRestored(null)
    setTouched(false)
  }

  return {
    value,
    setValue: change,
    errors,
    uploading,
    setUploads,
    prepare,
    applyServerError,
    restored,
    discardDraft,
    finish,
    evaluation,
  }
}
