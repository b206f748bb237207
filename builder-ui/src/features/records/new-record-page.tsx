import { type FieldAccess, stateFieldAccess } from '@tessera/schemas'
import { Alert, App, Button, Skeleton, Space, Typography } from 'antd'
import { useMemo } from 'react'
import { useNavigate, useParams } from 'react-router'
import { useT } from '../../i18n/i18n-context.js'
import { formatDateTime } from '../../i18n/format.js'
import { useForm } from '../apps/app-queries.js'
import { useSession } from '../auth/session-queries.js'
import { draftKey } from '../forms/form-draft.js'
import { FormRenderer } from '../forms/form-renderer.js'
import { useFormController } from '../forms/use-form-controller.js'
import { useSubmitRecord } from './record-queries.js'
import { formPermissions, useAppSubject } from './use-bulk-permission.js'

/** Fills a new record; the draft is kept in this browser until it is submitted or discarded. */
export function NewRecordPage() {
  const { app = '', form = '' } = useParams()
  const { t, label } = useT()
  const def = useForm(app, form)
  const who = useAppSubject(app)
  if (def.isPending || !who) return <Skeleton active />
  if (def.isError || !def.form)
    return <Alert type="error" title={t('common.loadFailed', { message: def.error?.message ?? form })} />
  // said before anything is typed: the server refuses the record of who may not create (mayCreateIn)
  if (!formPermissions(def.form, who).creating)
    return (
      <div className="page">
        <Typography.Title level={2}>{label(def.form.title, form)}</Typography.Title>
        <Alert type="warning" title={t('records.notAllowedNew', { form: label(def.form.title, form) })} />
      </div>
    )
  return (
    <NewRecordForm
      app={app}
      formKey={form}
      title={label(def.form.title, form)}
      definition={def.form}
      workflow={def.workflow}
    />
  )
}

function NewRecordForm({
  app,
  formKey,
  title,
  definition,
  workflow,
}: {
  app: string
  formKey: string
  title: string
  definition: NonNullable<ReturnType<typeof useForm>['form']>
  workflow: ReturnType<typeof useForm>['workflow']
}) {
  const { t, lang } = useT()
  const { me } = useSession()
  // a new record is in the workflow's first state: its fields show as that state lets me fill them
  const access = useMemo(() => {
    const start = workflow?.states.find((s) => s.key === workflow.initial)
    if (!workflow || !start) return undefined
    const roles = me?.apps.find((a) => a.key === app)?.roles ?? []
    const privileged = me?.user.isAdmin === true
    const map: Record<string, FieldAccess> = {}
    for (const f of definition.fields) map[f.key] = stateFieldAccess(f, workflow, start, roles, privileged)
    return map
  }, [workflow, me, app, definition])
  const { message } = App.useApp()
  const navigate = useNavigate()
  const ctl = useFormController({
    definition,
    app,
    draftKey: draftKey(app, formKey),
    ...(access ? { access } : {}),
  })
  const submit = useSubmitRecord(app, formKey)
  const onSubmit = () => {
    const data = ctl.prepare()
    if (!data) return void message.error(ctl.uploading ? t('form.uploading') : t('form.fixErrors'))
    submit.mutate(data, {
      onSuccess: (r) => {
        ctl.finish()
        message.success(t('form.submitted'))
        navigate(`/records/${encodeURIComponent(r.id)}`)
      },
      onError: (e) => {
        if (!ctl.applyServerError(e)) message.error(t('error.generic', { message: e.message }))
      },
    })
  }
  return (
    <div className="page page-form">
      <Typography.Title level={2}>{title}</Typography.Title>
      {ctl.restored && (
        <Alert
          type="info"
          showIcon
          title={t('form.draftRestored', { time: formatDateTime(ctl.restored.savedAt, lang) })}
          action={
            <Button size="small" onClick={ctl.discardDraft}>
              {t('form.discardDraft')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault()
          onSubmit()
        }}
        noValidate
      >
        <FormRenderer
          definition={definition}
          value={ctl.value}
          onChange={ctl.setValue}
          errors={ctl.errors}
          onFieldBlur={ctl.onFieldBlur}
          app={app}
          onUploadsChange={ctl.setUploads}
          linkage
          {...(access ? { access } : {})}
        />
        <Space className="form-actions">
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            loading={submit.isPending}
            disabled={ctl.uploading}
          >
            {ctl.uploading ? t('form.uploading') : t('common.submit')}
          </Button>
          <Button size="large" onClick={() => navigate(-1)}>
            {t('common.cancel')}
          </Button>
        </Space>
      </form>
    </div>
  )
}
