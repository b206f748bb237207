import type { FormDefinition, WorkflowDefinition } from '@tessera/schemas'
import { Button, Space } from 'antd'
import type { RecordDetail } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { asLabel } from '../../i18n/label.js'
import { styleOf } from '../records/transition-button.js'
import { TransitionDialog } from '../records/transition-dialog.js'
import { useFireTransition } from '../records/use-fire-transition.js'

/** The transitions open to me on an inbox item, fired from the list (with a dialog when fields are required). */
export function InboxActions({
  record: d,
  form,
  workflow,
}: {
  record: RecordDetail
  form: FormDefinition
  workflow?: WorkflowDefinition
}) {
  const { label } = useT()
  const fire = useFireTransition((k) => label(form.fields.find((f) => f.key === k)?.label, k))
  return (
    <Space wrap className="inbox-actions">
      {d.transitions
        .filter((tr) => tr.guardOk)
        .map((tr) => (
          <Button
            key={tr.key}
            data-transition={tr.key}
            // a list of many items keeps its buttons plain; only a move that ends work stands out
            danger={styleOf(workflow, tr.key) === 'danger'}
            // while a move of this item is on its way its buttons wait (a double click sends one)
            disabled={fire.busyFor(d.id)}
            onClick={() => fire.fire(d.id, d.version, tr, d.data)}
          >
            {label(asLabel(tr.label), tr.key)}
          </Button>
        ))}
      <TransitionDialog
        app={d.app}
        form={form}
        transition={fire.dialog?.transition ?? null}
        initial={fire.dialog?.initial}
        busy={fire.busy}
        error={fire.dialogError}
        problem={fire.dialogProblem}
        onSubmit={fire.confirm}
        onCancel={fire.cancel}
      />
    </Space>
  )
}
