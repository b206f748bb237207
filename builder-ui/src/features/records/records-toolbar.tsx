import type { FormDefinition, ViewDefinition, WorkflowDefinition } from '@tessera/schemas'
import { DownloadOutlined } from '@ant-design/icons'
import { Button, Dropdown, Input, Space } from 'antd'
import { Link } from 'react-router'
import { apiPaths } from '../../api/api.js'
import { useT } from '../../i18n/i18n-context.js'
import type { AppForms } from '../forms/logic/linked-fields.js'
import { ColumnChooser } from './column-chooser.js'
import { FilterPanel } from './filter-panel.js'
import { SavedViewsMenu } from './saved-views-menu.js'
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
      <Dropdown
        menu={{
          items: (['csv', 'xlsx'] as const).map((format) => ({
            key: format,
            label: (
              <a href={apiPaths.exportUrl(app, formKey, format, exportParams)} download>
                {format === 'csv' ? t('records.exportCsv') : t('records.exportXlsx')}
              </a>
            ),
          })),
        }}
      >
        <Button icon={<DownloadOutlined />}>{t('records.export')}</Button>
      </Dropdown>
      {workflow && (
        <Link to={`${base}/kanban/${encodeURIComponent(formKey)}`}>
          <Button>{t('apps.kanban')}</Button>
        </Link>
      )}
      <Link to={`${base}/import/${encodeURIComponent(formKey)}`}>
        <Button>{t('apps.import')}</Button>
      </Link>
    </Space>
  )
}
