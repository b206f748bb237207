import type { FormDefinition, WorkflowDefinition } from '@tessera/schemas'
import { asLabel } from '../../i18n/label.js'
import { App, Button, Space, Tooltip } from 'antd'
import type { RecordDetail } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { ApprovalPanel } from './approval-panel.js'
import { styleOf, transitionButton } from './transition-button.js'
import { TransitionDialog } from './transition-dialog.js'
import type { UnsavedEditsRef } from './unsaved-edits.js'
import { useFireTransition } from './use-fire-transition.js'

/** A button per transition open to me in this state; a false guard disables it and says why. */
export function RecordActions({
  record,
  form,
  workflow,
  disabled = false,
  edits,
}: {
  record: RecordDetail
  form: FormDefinition
  workflow?: WorkflowDefinition
  /** while the record is being refetched its version may be stale: no transition is fired then */
  disabled?: boolean
  /** the edit form's unsaved changes: a move carries them */
  edits?: UnsavedEditsRef
}) {
  const { t, label } = useT()
  const { message } = App.useApp()
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
              {...transitionButton(styleOf(workflow, tr.key), tr.guardOk)}
              data-transition={tr.key}
              disabled={disabled || fire.busyFor(record.id)}
              loading={fire.busyFor(record.id) && fire.dialog === null}
              onClick={() => {
                const pending = edits?.current?.take() ?? null
                if (pending === 'invalid') return void message.error(t('record.fixBeforeMove'))
                const move = { ...tr, label: labelOf(tr.key, tr.label) }
                if (!pending) return fire.fire(record.id, record.version, move, record.data)
                fire.fire(
                  record.id,
                  pending.version,
                  move,
                  { ...record.data, ...pending.data },
                  {
                    carry: pending.data,
                    onDone: (version) => edits?.current?.committed(version),
                  },
                )
              }}
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
        problem={fire.dialogProblem}
        onSubmit={fire.confirm}
        onCancel={fire.cancel}
      />
    </section>
  )
}
