import { PlusOutlined } from '@ant-design/icons'
import type { ViewDefinition } from '@tessera/schemas'
import { Alert, Button, Skeleton, Space, Table, Tag, Typography } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import type { RecordView } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { useForm } from '../apps/app-queries.js'
import { useUserName } from '../forms/field-value.js'
import { BulkBar } from './bulk-bar.js'
import { buildColumns, listableFields } from './record-columns.js'
import { useRecords } from './record-queries.js'
import { ResizableTitle, type ResizableTitleProps } from './resizable-title.js'
import { RecordsPager } from './records-pager.js'
import { RecordsToolbar } from './records-toolbar.js'
import { filtersFromSearch, searchFromTable, toServerSort } from './list-filter.js'
import { useTableState } from './use-table-state.js'
import { useBulkPermission } from './use-bulk-permission.js'

/** The records of one form: server-side paging, sorting, filters, search, views, column widths, bulk actions, export. */
export function RecordsPage() {
  const { app = '', form = '' } = useParams()
  const { t } = useT()
  const def = useForm(app, form)
  if (def.isPending) return <Skeleton active />
  if (def.isError || !def.form || !def.definition)
    return <Alert type="error" title={t('common.loadFailed', { message: def.error?.message ?? form })} />
  const appViews = (def.definition.views ?? []).filter(
    (v) => v.form === form && (v.type ?? 'table') === 'table',
  )
  // the form's first table view is how its list opens: its columns and sort
  const view = appViews[0]
  // A record in a process is read by where it stands: state and assignee are always shown.
  const workflowColumns = def.workflow ? ['state', 'assignee'] : []
  const defaults = view?.columns
    ? [...view.columns, ...workflowColumns.filter((c) => !view.columns?.includes(c))]
    : [
        ...listableFields(def.form, def.definition)
          .slice(0, 5)
          .map((f) => f.key),
        ...workflowColumns,
        'updated_at',
      ]
  return (
    <RecordsTable
      key={`${app}/${form}`}
      app={app}
      formKey={form}
      defaults={defaults}
      defaultSort={view?.sort ?? '-updated_at'}
      appViews={appViews}
      def={def}
    />
  )
}

interface RecordsTableProps {
  app: string
  formKey: string
  defaults: string[]
  defaultSort: string
  appViews: ViewDefinition[]
  def: ReturnType<typeof useForm>
}

function RecordsTable({ app, formKey, defaults, defaultSort, appViews, def }: RecordsTableProps) {
  const i18n = useT()
  const { t, label } = i18n
  const form = def.form!
  const [search, setSearch] = useSearchParams()
  const state = useTableState(defaults, filtersFromSearch(search), defaultSort, {
    sort: search.get('sort'),
    q: search.get('search'),
  })
  // `?view=key` opens one of the app's views (a link from a dashboard or a colleague)
  const linked = appViews.find((v) => v.key === search.get('view'))
  const { openAppView } = state
  // biome-ignore lint/correctness/useExhaustiveDependencies: applied once, when the page opens
  useEffect(() => {
    if (linked) openAppView(linked, defaults)
  }, [])
  const active = appViews.find((v) => v.key === state.appView)
  // the address follows the table's setup, so a copied link opens the same list
  const { filters, sort, q, appView } = state
  // biome-ignore lint/correctness/useExhaustiveDependencies: written when the setup changes, not when the address does
  useEffect(() => {
    const next = searchFromTable(search, filters, sort === defaultSort ? undefined : sort, q)
    if (appView) next.set('view', appView)
    else next.delete('view')
    if (next.toString() !== search.toString()) setSearch(next, { replace: true })
  }, [filters, sort, q, appView])
  const list = useRecords(app, formKey, state.params)
  const { creating } = useBulkPermission(app, form)
  const userName = useUserName(app)
  const [selected, setSelected] = useState<RecordView[]>([])
  const nextCursor = list.data?.nextCursor ?? null
  const { learnNext } = state
  useEffect(() => learnNext(nextCursor), [nextCursor, learnNext])
  const { widths, setWidth } = state
  const columns = useMemo(
    () =>
      buildColumns(state.columns, {
        i18n,
        form,
        workflow: def.workflow,
        userName,
        sort: state.sort,
        forms: def.definition,
      }).map((c) => {
        const key = String(c.key)
        const width = widths[key]
        return {
          ...c,
          ...(width !== undefined ? { width } : {}),
          onHeaderCell: (): ResizableTitleProps => ({
            ...(width !== undefined ? { width } : {}),
            onResize: (w) => setWidth(key, w),
            resizeLabel: t('records.resizeColumn', { column: String(c.title ?? key) }),
          }),
        }
      }),
    [state.columns, i18n, form, def.workflow, userName, state.sort, def.definition, widths, setWidth, t],
  )
  return (
    <div className="page">
      <Space className="page-head" wrap>
        <Typography.Title level={2}>{label(form.title, formKey)}</Typography.Title>
        {active && (
          <Tag closable color="blue" onClose={() => state.openAppView(undefined, defaults)}>
            {label(active.title, active.key)}
          </Tag>
        )}
        {/* offered only to who the server lets create one */}
        {creating && (
          <Link to={`/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(formKey)}/new`}>
            <Button type="primary" icon={<PlusOutlined />}>
              {t('records.new')}
            </Button>
          </Link>
        )}
      </Space>
      <RecordsToolbar
        app={app}
        formKey={formKey}
        form={form}
        workflow={def.workflow}
        state={state}
        forms={def.definition}
        appViews={appViews}
        defaultColumns={defaults}
      />
      {selected.length > 0 && (
        <BulkBar
          form={form}
          app={app}
          formKey={formKey}
          workflow={def.workflow}
          records={selected}
          onDone={() => setSelected([])}
        />
      )}
      {list.isError && <Alert type="error" title={t('common.loadFailed', { message: list.error.message })} />}
      <Table<RecordView>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        tableLayout={Object.keys(widths).length > 0 ? 'fixed' : undefined}
        components={{ header: { cell: ResizableTitle } }}
        rowSelection={{
          selectedRowKeys: selected.map((r) => r.id),
          onChange: (_k, rows) => setSelected(rows),
        }}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter
          state.setSort(toServerSort(s?.columnKey !== undefined ? String(s.columnKey) : undefined, s?.order))
        }}
      />
      <RecordsPager state={state} total={list.data?.total} totalIsEstimate={list.data?.totalIsEstimate} />
    </div>
  )
}
