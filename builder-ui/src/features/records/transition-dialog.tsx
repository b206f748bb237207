import type { FormDefinition } from '@tessera/schemas'
import { Alert, Modal } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { useT } from '../../i18n/i18n-context.js'
import { asLabel } from '../../i18n/label.js'
import { FormRenderer } from '../forms/form-renderer.js'
import type { FormData } from '../forms/logic/form-logic.js'
import { useFormController } from '../forms/use-form-controller.js'
import { dialogFields } from './dialog-fields.js'

export interface PendingTransition {
  key: string
  label?: unknown
  requires: string[]
}

export interface TransitionDialogProps {
  app: string
  form: FormDefinition
  transition: PendingTransition | null
  /** current values, so the dialog starts from what the record holds */
  initial?: FormData
  busy?: boolean
  error?: string | null
  /** the server's refusal of the last try: its field errors (422, JSON pointers) go on the fields */
  problem?: unknown
  onSubmit: (data: FormData) => void
  onCancel: () => void
}

/** Asks for the fields a transition requires (editable here whatever the state allows), then fires it. */
export function TransitionDialog(props: TransitionDialogProps) {
  if (!props.transition) return null
  return <TransitionDialogBody key={props.transition.key} {...props} transition={props.transition} />
}

function TransitionDialogBody({
  app,
  form,
  transition,
  initial = {},
  busy,
  error,
  problem,
  onSubmit,
  onCancel,
}: TransitionDialogProps & { transition: PendingTransition }) {
  const { t, label } = useT()
  const sub: FormDefinition = useMemo(
    () => ({
      key: form.key,
      title: form.title,
      fields: dialogFields(form, transition.requires),
    }),
    [form, transition.requires],
  )
  const start = useMemo(
    () =>
      Object.fromEntries(
        sub.fields.filter((f) => initial[f.key] !== undefined).map((f) => [f.key, initial[f.key]]),
      ),
    [initial, sub],
  )
  const ctl = useFormController({ definition: sub, app, initial: start, useServerSchema: false })
  const [tried, setTried] = useState(false)
  const { applyServerError } = ctl
  // a refusal marks its fields as the record form does; editing a field clears its mark
  useEffect(() => {
    if (problem) applyServerError(problem)
  }, [problem, applyServerError])
  return (
    <Modal
      open
      title={label(asLabel(transition.label), transition.key)}
      okText={label(asLabel(transition.label), transition.key)}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ disabled: ctl.uploading }}
      onCancel={onCancel}
      onOk={() => {
        setTried(true)
        const data = ctl.prepare()
        if (data) onSubmit(data)
      }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {tried && Object.keys(ctl.errors).length > 0 && (
        <Alert type="warning" title={t('form.fixErrors')} style={{ marginBottom: 12 }} />
      )}
      <FormRenderer
        definition={sub}
        value={ctl.value}
        onChange={ctl.setValue}
        errors={ctl.errors}
        app={app}
        onUploadsChange={ctl.setUploads}
      />
    </Modal>
  )
}
