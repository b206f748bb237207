import { useMutation, useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Result, Skeleton, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useParams } from 'react-router'
import { api } from '../../api/api.js'
import type { PublicForm } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { LanguageSwitch } from '../layout/language-switch.js'
import { FormRenderer } from '../forms/form-renderer.js'
import { useFormController } from '../forms/use-form-controller.js'
import { publicValidatorUrl } from '../forms/validation/form-validator.js'

/** A form anyone with the link may fill: no login, a honeypot against bots, a thank-you page. */
export function PublicFormPage() {
  const { token = '' } = useParams()
  const { t } = useT()
  const form = useQuery({ queryKey: ['public', token], queryFn: () => api.publicForm(token), retry: false })
  return (
    <main className="public-page">
      <div className="public-lang">
        <LanguageSwitch />
      </div>
      {form.isPending && <Skeleton active />}
      {form.isError && <Result status="404" title={t('public.notFound')} />}
      {form.data && <PublicFormBody token={token} data={form.data} />}
    </main>
  )
}

function PublicFormBody({ token, data }: { token: string; data: PublicForm }) {
  const { t, label } = useT()
  const { message } = App.useApp()
  const [honeypot, setHoneypot] = useState('')
  const [done, setDone] = useState(false)
  // a stranger cannot pick members or records and never sees what the system fills in
  const access = useMemo(
    () =>
      Object.fromEntries(
        data.form.fields
          .filter((f) => f.readOnly || ['user', 'relation', 'formula', 'serial'].includes(f.type))
          .map((f) => [f.key, 'hidden' as const]),
      ),
    [data.form],
  )
  const ctl = useFormController({
    definition: data.form,
    app: data.app,
    access,
    draftKey: `tessera.public.${token}`,
    useServerSchema: false,
    validatorUrl: publicValidatorUrl(token, data.version),
  })
  const submit = useMutation({
    mutationFn: (d: Record<string, unknown>) => api.publicSubmit(token, d, honeypot),
  })
  if (done)
    return (
      <Result
        status="success"
        title={t('public.thanks')}
        extra={<Button onClick={() => setDone(false)}>{t('public.another')}</Button>}
      />
    )
  const onSubmit = () => {
    const d = ctl.prepare()
    if (!d) return void message.error(t('form.fixErrors'))
    submit.mutate(d, {
      onSuccess: () => {
        ctl.finish()
        ctl.discardDraft()
        setDone(true)
      },
      onError: (e) => {
        if (!ctl.applyServerError(e)) message.error(t('error.generic', { message: e.message }))
      },
    })
  }
  return (
    <form
      className="public-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        onSubmit()
      }}
    >
      <Typography.Title level={2}>{label(data.form.title, data.form.key)}</Typography.Title>
      {data.form.description !== undefined && (
        <Typography.Paragraph>{label(data.form.description)}</Typography.Paragraph>
      )}
      {submit.isError && Object.keys(ctl.errors).length === 0 && (
        <Alert type="error" title={submit.error.message} />
      )}
      <FormRenderer
        definition={data.form}
        value={ctl.value}
        onChange={ctl.setValue}
        errors={ctl.errors}
        onFieldBlur={ctl.onFieldBlur}
        access={access}
      />
      {/* bots fill every input; people never see this one */}
      <div className="honeypot" aria-hidden="true">
        <label htmlFor="website">{t('public.website')}</label>
        <input
          id="website"
          name="website"
          tabIndex={-1}
          autoComplete="off"
          value={honeypot}
          onChange={(e) => setHoneypot(e.target.value)}
        />
      </div>
      <Button type="primary" htmlType="submit" size="large" block loading={submit.isPending}>
        {t('common.submit')}
      </Button>
    </form>
  )
}
