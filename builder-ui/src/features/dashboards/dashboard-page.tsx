import type { WidgetDefinition } from '@tessera/schemas'
import { Alert, DatePicker, Empty, Select, Skeleton, Space, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { useParams } from 'react-router'
import { useT } from '../../i18n/i18n-context.js'
import { useApp } from '../apps/app-queries.js'
import { DashboardWidget } from './dashboard-widget.js'

export interface DashboardFilters {
  from?: string
  to?: string
  region?: string
}

/** One dashboard of the app: its widgets as charts, filtered by date range and region. */
export function DashboardPage() {
  const { app = '', dashboard = '' } = useParams()
  const { t, label } = useT()
  const def = useApp(app)
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null)
  const [region, setRegion] = useState<string>()
  if (def.isPending) return <Skeleton active />
  const d = def.data?.definition.dashboards?.find((x) => x.key === dashboard)
  if (!d)
    return <Alert type="error" title={t('common.loadFailed', { message: def.error?.message ?? dashboard })} />
  const regionOptions = def
    .data!.definition.forms.flatMap((f) => f.fields)
    .find((f) => f.key === 'region' && f.options)
    ?.options?.map((o) => ({ value: o.value, label: label(o.label, o.value) }))
  const filters: DashboardFilters = {
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
    region,
  }
  return (
    <div className="page dashboard-page">
      <Space className="page-head" wrap>
        <Typography.Title level={2}>{label(d.title, d.key)}</Typography.Title>
        <DatePicker.RangePicker
          aria-label={t('dashboard.range')}
          value={range}
          onChange={(v) => setRange(v)}
        />
        {regionOptions && (
          <Select
            aria-label={t('dashboard.region')}
            placeholder={t('dashboard.region')}
            allowClear
            style={{ minWidth: 140 }}
            value={region}
            onChange={setRegion}
            options={regionOptions}
          />
        )}
      </Space>
      {d.widgets.length === 0 && <Empty description={t('dashboard.noData')} />}
      <div className="dashboard-grid">
        {d.widgets.map((w: WidgetDefinition) => (
          <DashboardWidget key={w.key} app={app} dashboard={d.key} widget={w} filters={filters} />
        ))}
      </div>
    </div>
  )
}
