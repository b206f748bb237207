import type { FieldDefinition, FormDefinition, WorkflowDefinition } from '@tessera/schemas'
import { FilterOutlined } from '@ant-design/icons'
import { Badge, Button, Popover } from 'antd'
import { useT } from '../../i18n/i18n-context.js'
import { type AppForms, shownAs } from '../forms/logic/linked-fields.js'
import { FilterInput } from './filter-input.js'
import { filterKindFor } from './list-filter.js'
import type { TableState } from './use-table-state.js'

/** One filter per field, shaped by the field's type; the state filter when a workflow governs the form. */
export function FilterPanel({
  app,
  form,
  workflow,
  state,
  forms,
}: {
  app: string
  form: FormDefinition
  workflow?: WorkflowDefinition
  state: TableState
  /** lookups and rollups filter as the fields they show (the list API types them so) */
  forms?: AppForms
}) {
  const { t, label } = useT()
  const stateField: FieldDefinition | null = workflow
    ? {
        key: 'state',
        type: 'select',
        label: t('records.state'),
        options: workflow.states.map((s) => ({ value: s.key, label: s.label ?? s.key })),
      }
    : null
  const fields = [
    ...(stateField ? [stateField] : []),
    ...form.fields.map((f) => shownAs(forms, form, f)).filter((f) => filterKindFor(f.type) !== 'none'),
  ]
  const active = Object.keys(state.filters).length
  return (
    <Popover
      trigger="click"
      placement="bottomLeft"
      content={
        <div className="filter-panel">
          {fields.map((f) => (
            <div key={f.key} className="filter-row">
              <span className="filter-label">{label(f.label, f.key)}</span>
              <FilterInput
                app={app}
                field={f}
                filter={state.filters[f.key]}
                onChange={(v) => state.setFilter(f.key, v)}
              />
            </div>
          ))}
        </div>
      }
    >
      <Badge count={active} size="small">
        <Button icon={<FilterOutlined />}>{t('records.filters')}</Button>
      </Badge>
    </Popover>
  )
}
