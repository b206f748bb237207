import { type WidgetDefinition, notFilteredBy } from '@tessera/schemas'
import { Alert, Card, Empty, Skeleton, Statistic, Table, Tag, Tooltip } from 'antd'
import ReactECharts from 'echarts-for-react'
import { useNavigate } from 'react-router'
import { useT } from '../../i18n/i18n-context.js'
import { formatDecimal, formatMoney } from '../../i18n/format.js'
import { useForm } from '../apps/app-queries.js'
import { chartOption } from './chart-option.js'
import type { DashboardFilters } from './dashboard-page.js'
import { type Bucket, sumBuckets } from './aggregate.js'
import { figureText } from './figure-text.js'
import { GroupedTable } from './grouped-table.js'
import { reportKeyName } from './report-labels.js'
import { useWidgetData } from './widget-data.js'

/** One widget: a chart, a number or a table; clicking a bar, slice or stage opens the records behind it. */
export function DashboardWidget({
  app,
  dashboard,
  widget,
  filters,
}: {
  app: string
  dashboard: string
  widget: WidgetDefinition
  filters: DashboardFilters
}) {
  const { t, label, lang } = useT()
  const navigate = useNavigate()
  const def = useForm(app, widget.form)
  const data = useWidgetData(app, dashboard, widget, def.form, filters)
  const valueField = def.form?.fields.find((f) => f.key === widget.measure?.field)
  const field = widget.groupBy
    ? def.form?.fields.find((f) => f.key === widget.groupBy?.split(':')[0])
    : undefined
  const local = data.data?.local === true
  // the server's funnel answers in stages (lead, MQL, ...); the browser's fallback in workflow states
  const byState = widget.groupBy === 'state' || (local && widget.type === 'funnel' && !widget.groupBy)
  const serverLabels = new Map((data.data?.buckets ?? []).map((b) => [b.key, b.label]))
  const optionName = (key: string) => {
    const o = field?.options?.find((x) => x.value === key)
    return o ? label(o.label, key) : key || t('common.none')
  }
  const name = (key: string) => {
    if (byState) return label(def.workflow?.states.find((s) => s.key === key)?.label, key)
    const fromServer = serverLabels.get(key)
    if (fromServer) return fromServer
    const report = local ? undefined : reportKeyName(widget, key, def.workflow, { t, label })
    return report ?? optionName(key)
  }
  const grouped = data.data?.buckets.some((b) => b.group !== undefined) === true
  const drill = (key: string) => {
    const gb = widget.groupBy?.split(':')[0]
    const qs =
      gb && !widget.groupBy?.includes(':') ? `?in.${encodeURIComponent(gb)}=${encodeURIComponent(key)}` : ''
    navigate(`/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(widget.form)}${qs}`)
  }
  const title = (
    <span>
      {label(widget.title, widget.key)}
      {data.data?.local && (
        <Tooltip title={t('dashboard.computedLocally')}>
          <span className="local-mark"> *</span>
        </Tooltip>
      )}
    </span>
  )
  // which date the range applies to, and a dashboard filter this widget cannot apply (never silently)
  const dateKey = widget.dateField ?? 'created_at'
  const dateName =
    dateKey === 'created_at'
      ? t('dashboard.dateCreated')
      : label(def.form?.fields.find((f) => f.key === dateKey)?.label, dateKey)
  const ignoresRegion =
    filters.region !== undefined &&
    def.form !== undefined &&
    notFilteredBy(widget, def.form).includes('region')
  const extra = (
    <span className="widget-filters">
      {(filters.from || filters.to) && (
        <Tag className="widget-date-field">{t('dashboard.rangeOn', { field: dateName })}</Tag>
      )}
      {ignoresRegion && (
        <Tooltip title={t('dashboard.notFilteredByHelp')}>
          <Tag color="warning" className="widget-not-filtered">
            {t('dashboard.notFilteredBy', { filter: t('dashboard.region') })}
          </Tag>
        </Tooltip>
      )}
    </span>
  )
  return (
    <Card
      title={title}
      extra={extra}
      size="small"
      className={`dashboard-widget widget-${widget.type}`}
      data-widget={widget.key}
    >
      {data.isPending && <Skeleton active />}
      {data.isError && <Alert type="error" title={t('common.loadFailed', { message: data.error.message })} />}
      {data.data && data.data.buckets.length === 0 && <Empty description={t('dashboard.noData')} />}
      {data.data && data.data.buckets.length > 1 && widget.type === 'number' && (
        <div className="widget-figures">
          {data.data.buckets.map((b) => (
            <Statistic key={b.key} title={name(b.key)} value={figureText(b, lang)} />
          ))}
        </div>
      )}
      {data.data && data.data.buckets.length === 1 && widget.type === 'number' && (
        <Statistic
          title={
            widget.measure?.field ? label(valueField?.label, widget.measure.field) : t('dashboard.count')
          }
          value={
            valueField?.type === 'money'
              ? formatMoney(sumBuckets(data.data.buckets), valueField.currency, lang)
              : formatDecimal(sumBuckets(data.data.buckets), lang)
          }
        />
      )}
      {data.data && data.data.buckets.length > 0 && widget.type === 'table' && grouped && (
        <GroupedTable
          buckets={data.data.buckets}
          groupTitle={label(field?.label, widget.groupBy ?? '')}
          groupName={optionName}
          keyName={name}
        />
      )}
      {data.data && data.data.buckets.length > 0 && widget.type === 'table' && !grouped && (
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={data.data.buckets}
          columns={[
            { key: 'k', title: label(field?.label, widget.groupBy ?? ''), render: (_v, b) => name(b.key) },
            {
              key: 'v',
              title: widget.measure?.op ?? 'count',
              render: (_v, b) => formatDecimal(b.value, lang),
            },
          ]}
        />
      )}
      {data.data && data.data.buckets.length > 0 && widget.type !== 'number' && widget.type !== 'table' && (
        <ReactECharts
          option={chartOption(
            widget,
            byState
              ? inStateOrder(data.data.buckets, def.workflow?.states.map((x) => x.key) ?? [])
              : data.data.buckets,
            name,
            lang,
          )}
          style={{ height: 280 }}
          onEvents={{
            click: (p: { data?: { key?: string } }) => p.data?.key !== undefined && drill(p.data.key),
          }}
        />
      )}
    </Card>
  )
}

/** Buckets keyed by state in the order the workflow declares its states (a funnel's stages). */
function inStateOrder(buckets: Bucket[], order: string[]): Bucket[] {
  const rank = (k: string) => (order.indexOf(k) === -1 ? order.length : order.indexOf(k))
  return [...buckets].sort((a, b) => rank(a.key) - rank(b.key))
}
