import type { FormDefinition } from '@tessera/schemas'
import { Alert, App, Button } from 'antd'
import { useEffect, useState } from 'react'
import { ApiError } from '../../api/api-error.js'
import type { RecordDetail } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { FormRenderer } from '../forms/form-renderer.js'
import { toSubmission } from '../forms/logic/form-logic.js'
import { useFormController } from '../forms/use-form-controller.js'
import { ConflictDialog } from './conflict-dialog.js'
import { useUpdateRecord } from './record-queries.js'
import type { UnsavedEditsRef } from './unsaved-edits.js'

/**
 * The record's fields as this state lets me see and edit them. The version I started from goes
 * with the save; a stale one comes back 409 and opens the conflict dialog instead of overwriting.
 */
export function RecordEditForm({
  record,
  form,
  edits,
}: {
  record: RecordDetail
  form: FormDefinition
  /** filled with this form's unsaved edits, for the transition buttons */
  edits?: UnsavedEditsRef
}) {
  const [base, setBase] = useState(record)
  return (
    <EditForm
      key={`${base.id}@${base.version}`}
      base={base}
      latest={record}
      form={form}
      onReload={setBase}
      edits={edits}
    />
  )
}

function EditForm({
  base,
  latest,
  form,
  onReload,
  edits,
}: {
  base: RecordDetail
  latest: RecordDetail
  form: FormDefinition
  onReload: (r: RecordDetail) => void
  edits?: UnsavedEditsRef
}) {
  const { t } = useT()
  const { message } = App.useApp()
  const ctl = useFormController({ definition: form, app: base.app, initial: base.data, access: base.access })
  const update = useUpdateRecord(base.id)
  const [conflict, setConflict] = useState(false)
  const [savedVersion, setSavedVersion] = useState<number | null>(null)
  const canEdit = Object.values(base.access).some((a) => a === 'edit' || a === 'required')
  const dirty = JSON.stringify(ctl.value) !== JSON.stringify(base.data)

  // someone else saved: take it silently when I changed nothing, otherwise say so
  useEffect(() => {
    if (latest.version === base.version || update.isPending) return
    if (!dirty || latest.version === savedVersion) onReload(latest)
  }, [latest, base.version, dirty, update.isPending, onReload, savedVersion])

  if (edits)
    edits.current = {
      take: () => {
        if (!dirty || !canEdit) return null
        const data = ctl.prepare()
        return data ? { data, version: base.version } : 'invalid'
      },
      committed: setSavedVersion,
    }

  const save = () => {
    const data = ctl.prepare()
    if (!data) return void message.error(ctl.uploading ? t('form.uploading') : t('form.fixErrors'))
    update.mutate(
      { data, version: base.version },
      {
        onSuccess: (r) => {
          setSavedVersion(r.version)
          message.success(t('common.saved'))
        },
        onError: (e) => {
          if (e instanceof ApiError && e.status === 409 && e.code === 'VERSION_CONFLICT') setConflict(true)
          else if (!ctl.applyServerError(e)) message.error(t('error.generic', { message: e.message }))
        },
      },
    )
  }
  const mine = ctl.evaluation ? toSubmission(form, ctl.evaluation, base.access) : {}
  return (
    <section className="record-form">
      {latest.version !== base.version && latest.version !== savedVersion && dirty && (
        <Alert
          type="warning"
          showIcon
          title={t('record.changedByOthers')}
          action={
            <Button size="small" onClick={() => onReload(latest)}>
              {t('common.reload')}
            </Button>
          }
        />
      )}
      <FormRenderer
        definition={form}
        value={ctl.value}
        onChange={ctl.setValue}
        errors={ctl.errors}
        onFieldBlur={ctl.onFieldBlur}
        access={base.access}
        readOnly={!canEdit}
        app={base.app}
        onUploadsChange={ctl.setUploads}
        linkage
      />
      {canEdit && (
        <Button
          type="primary"
          size="large"
          className="no-print"
          disabled={!dirty || ctl.uploading}
          loading={update.isPending}
          onClick={save}
        >
          {t('common.save')}
        </Button>
      )}
      <ConflictDialog
        open={conflict}
        recordId={base.id}
        base={base}
        form={form}
        mine={mine}
        onClose={() => setConflict(false)}
        onReload={(r) => {
          setConflict(false)
          onReload(r)
        }}
      />
    </section>
  )
}
