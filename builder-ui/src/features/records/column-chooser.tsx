import type { FormDefinition } from '@tessera/schemas'
import { Button, Checkbox, Popover } from 'antd'
import { useT } from '../../i18n/i18n-context.js'
import type { AppForms } from '../forms/logic/linked-fields.js'
import { listableFields } from './record-columns.js'
import type { TableState } from './use-table-state.js'

/** Shows or hides columns; the order stays the form's, system columns after the fields. */
export function ColumnChooser({
  form,
  hasWorkflow,
  state,
  forms,
}: {
  form: FormDefinition
  hasWorkflow: boolean
  state: TableState
  forms?: AppForms
}) {
  const { t, label } = useT()
  const options = [
    ...listableFields(form, forms).map((f) => ({ value: f.key, label: label(f.label, f.key) })),
    ...(hasWorkflow
      ? [
          { value: 'state', label: t('records.state') },
          { value: 'assignee', label: t('records.assignee') },
          { value: 'dueAt', label: t('records.due') },
        ]
      : []),
    { value: 'updated_at', label: t('records.updatedAt') },
    { value: 'created_at', label: t('records.createdAt') },
  ]
  const order = options.map((o) => o.value)
  return (
    <Popover
      trigger="click"
      content={
        <Checkbox.Group
          className="column-chooser"
          value={state.columns}
          options={options}
          onChange={(v) => state.setColumns([...v].sort((a, b) => order.indexOf(a) - order.indexOf(b)))}
        />
      }
    >
      <Button>{t('records.columns')}</Button>
    </Popover>
  )
}
