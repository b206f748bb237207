import type { FieldAccess, FormDefinition } from '@tessera/schemas'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { ApiError, errorsByField } from '../../api/api-error.js'
import { useT } from '../../i18n/i18n-context.js'
import { useApp } from '../apps/app-queries.js'
import { clearDraft, loadDraft, saveDraft, type StoredDraft } from './form-draft.js'
import { issuesToErrors } from './issue-message.js'
import { evaluateForm, type FormData, toSubmission } from './logic/form-logic.js'
import { validateForm } from './logic/validate-form.js'
import { formValidatorUrl, useFormValidator } from './validation/form-validator.js'
import { submissionErrors } from './validation/submission-errors.js'
import type { UploadState } from './widgets/widget-props.js'

export interface FormControllerOptions {
  definition: FormDefinition | undefined
  app: string
  initial?: FormData
  access?: Record<string, FieldAccess>
  /** localStorage key for drafts; none = no drafts (editing a stored record) */
  draftKey?: string
  /** validate with the server's validator module of the app's published form */
  useServerSchema?: boolean
  /** the validator module to use instead (a public link's) */
  validatorUrl?: string
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
  validatorUrl,
}: FormControllerOptions) {
  const { t, label, lang } = useT()
  const [restored, setRestored] = useState<StoredDraft | null>(() => (draftKey ? loadDraft(draftKey) : null))
  const [value, setValue] = useState<FormData>(() => restored?.value ?? initial)
  const [touched, setTouched] = useState(false)
  const [blurred, setBlurred] = useState<ReadonlySet<string>>(() => new Set())
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({})
  const [uploads, setUploads] = useState<Record<string, UploadState>>({})
  const published = useApp(useServerSchema && validatorUrl === undefined ? app : '')
  const version = published.data?.version
  const validator = useFormValidator(
    validatorUrl ??
      (useServerSchema && definition && version !== undefined && version > 0
        ? formValidatorUrl(app, definition.key, version)
        : undefined),
  )

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
    // until the server's validator is loaded (or where there is none), the browser's own field rules
    if (!validator) return issuesToErrors(issues, lang, fieldLabel)
    const hidden = new Set(
      Object.entries(access ?? {})
        .filter(([, a]) => a === 'hidden')
        .map(([k]) => k),
    )
    const found = submissionErrors(
      definition.fields,
      validator,
      toSubmission(definition, evaluation),
      lang,
      hidden,
    )
    // what the state requires of this actor is not in the form's schema
    const stateRequired = issues.filter((i) => i.code === 'required' && found[i.path] === undefined)
    return { ...issuesToErrors(stateRequired, lang, fieldLabel), ...found }
  }, [definition, evaluation, validator, access, lang, fieldLabel])

  const uploading = Object.values(uploads).includes('uploading')
  const uploadFailed = Object.entries(uploads)
    .filter(([, s]) => s === 'failed')
    .map(([k]) => k)
  const uploadErrors: Record<string, string[]> = {}
  for (const [k, s] of Object.entries(uploads)) {
    if (s === 'uploading' && touched) uploadErrors[k] = [t('form.uploading')]
    if (s === 'failed') uploadErrors[k] = [t('form.uploadFailed')]
  }
  // a field's problems show once it was left (blur), all of them once a submit was tried
  const shownLocal = touched
    ? localErrors
    : Object.fromEntries(Object.entries(localErrors).filter(([k]) => blurred.has(k.split('/')[0]!)))
  const errors = { ...shownLocal, ...serverErrors, ...uploadErrors }
  const onFieldBlur = useCallback(
    (key: string) => setBlurred((b) => (b.has(key) ? b : new Set([...b, key]))),
    [],
  )

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
  const applyServerError = useCallback((err: unknown): boolean => {
    if (err instanceof ApiError && err.errors.length > 0) {
      setServerErrors(errorsByField(err.errors))
      return true
    }
    return false
  }, [])

  const discardDraft = () => {
    if (draftKey) clearDraft(draftKey)
    setRestored(null)
    setValue(initial)
  }
  const finish = () => {
    if (draftKey) clearDraft(draftKey)
    setRestored(null)
    setTouched(false)
    setBlurred(new Set())
  }

  return {
    value,
    setValue: change,
    errors,
    onFieldBlur,
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
