import type { FormDefinition, ViewDefinition, WorkflowDefinition } from '@tessera/schemas'
import { Button, Input, Space } from 'antd'
import { Link } from 'react-router'
import { useT } from '../../i18n/i18n-context.js'
import type { AppForms } from '../forms/logic/linked-fields.js'
import { ColumnChooser } from './column-chooser.js'
import { ExportMenu } from './export-menu.js'
import { FilterPanel } from './filter-panel.js'
import { SavedViewsMenu } from './saved-views-menu.js'
import { useBulkPermission } from './use-bulk-permission.js'
import type { TableState } from './use-table-state.js'

export interface RecordsToolbarProps {
  app: string
  formKey: string
  form: FormDefinition
  workflow?: WorkflowDefinition
  state: TableState
  /** the app's forms: lookups and rollups filter as the fields they show */
  forms?: AppForms
  /** the table views the app ships for this form, and the columns of "all records" */
  appViews: ViewDefinition[]
  defaultColumns: string[]
}

/** Search, filters, columns, saved views, export of the current view, and links to board and import. */
export function RecordsToolbar({
  app,
  formKey,
  form,
  workflow,
  state,
  forms,
  appViews,
  defaultColumns,
}: RecordsToolbarProps) {
  const { t } = useT()
  const exportParams = { filter: state.params.filter, sort: state.sort, q: state.q || undefined }
  const base = `/apps/${encodeURIComponent(app)}`
  // Export and Import are offered only to who the server lets do them
  const { exporting, importing } = useBulkPermission(app, form)
  return (
    <Space className="records-toolbar" wrap>
      <Input.Search
        aria-label={t('common.search')}
        placeholder={t('common.search')}
        allowClear
        // remounted when a view sets the search, so the box shows it
        key={state.q}
        defaultValue={state.q}
        onSearch={state.setQ}
        style={{ width: 240 }}
      />
      <FilterPanel app={app} form={form} workflow={workflow} state={state} forms={forms} />
      <ColumnChooser form={form} hasWorkflow={Boolean(workflow)} state={state} forms={forms} />
      <SavedViewsMenu
        app={app}
        formKey={formKey}
        state={state}
        appViews={appViews}
        defaultColumns={defaultColumns}
      />
      {exporting && (
        <ExportMenu app={app} formKey={formKey} params={exportParams} label={t('records.export')} />
      )}
      {workflow && (
        <Link to={`${base}/kanban/${encodeURIComponent(formKey)}`}>
          <Button>{t('apps.kanban')}</Button>
        </Link>
      )}
      {importing && (
        <Link to={`${base}/import/${encodeURIComponent(formKey)}`}>
          <Button>{t('apps.import')}</Button>
        </Link>
      )}
    </Space>
  )
}
