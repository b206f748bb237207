import type { FormDefinition, WorkflowDefinition } from '@tessera/schemas'
import { asLabel } from '../../i18n/label.js'
import { Button, Space, Tooltip } from 'antd'
import type { RecordDetail } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { ApprovalPanel } from './approval-panel.js'
import { TransitionDialog } from './transition-dialog.js'
import { useFireTransition } from './use-fire-transition.js'

/** A button per transition open to me in this state; a false guard disables it and says why. */
export function RecordActions({
  record,
  form,
  workflow,
  disabled = false,
}: {
  record: RecordDetail
  form: FormDefinition
  workflow?: WorkflowDefinition
  /** while the record is being refetched its version may be stale: no transition is fired then */
  disabled?: boolean
}) {
  const { t, label } = useT()
  const fieldLabel = (k: string) => label(form.fields.find((f) => f.key === k)?.label, k)
  const fire = useFireTransition(fieldLabel)
  const labelOf = (key: string, l: unknown) =>
    label(asLabel(l) ?? workflow?.transitions.find((x) => x.key === key)?.label, key)
  if (record.transitions.length === 0 && !record.approval) return null
  return (
    <section className="record-actions no-print" aria-label={t('record.actions')}>
      <Space wrap>
        {record.transitions.map((tr) => (
          <Tooltip key={tr.key} title={tr.guardOk ? undefined : t('record.guardFalse')}>
            <Button
              size="large"
              type={tr.guardOk ? 'primary' : 'default'}
              data-transition={tr.key}
              disabled={disabled}
              loading={fire.busy && fire.dialog === null}
              onClick={() =>
                fire.fire(record.id, record.version, { ...tr, label: labelOf(tr.key, tr.label) }, record.data)
              }
            >
              {labelOf(tr.key, tr.label)}
            </Button>
          </Tooltip>
        ))}
      </Space>
      {record.approval && <ApprovalPanel record={record} />}
      <TransitionDialog
        app={record.app}
        form={form}
        transition={fire.dialog?.transition ?? null}
        initial={fire.dialog?.initial}
        busy={fire.busy}
        error={fire.dialogError}
        onSubmit={fire.confirm}
        onCancel={fire.cancel}
      />
    </section>
  )
}
