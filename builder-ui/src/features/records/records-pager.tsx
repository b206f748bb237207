import { LeftOutlined, RightOutlined } from '@ant-design/icons'
import { Button, Select, Space, Typography } from 'antd'
import { useT } from '../../i18n/i18n-context.js'
import type { TableState } from './use-table-state.js'

interface RecordsPagerProps {
  state: TableState
  total: number | undefined
  /** the server estimated the total (more than 10,000 match): shown as "about N", pages unknown */
  totalIsEstimate?: boolean | undefined
}

/** Previous / next over the server's cursors, the page size, and the count of matching records. */
export function RecordsPager({ state, total, totalIsEstimate }: RecordsPagerProps) {
  const { t } = useT()
  const pages =
    total !== undefined && !totalIsEstimate ? Math.max(1, Math.ceil(total / state.pageSize)) : undefined
  const totalText =
    total === undefined ? '' : t(totalIsEstimate ? 'common.totalAbout' : 'common.total', { n: total })
  return (
    <Space className="records-pager" wrap>
      <Typography.Text data-testid="records-total">{totalText}</Typography.Text>
      <Button
        icon={<LeftOutlined />}
        aria-label={t('records.prev')}
        disabled={state.page === 0}
        onClick={state.prev}
      />
      <Typography.Text>
        {state.page + 1}
        {pages !== undefined ? ` / ${pages}` : ''}
      </Typography.Text>
      <Button
        icon={<RightOutlined />}
        aria-label={t('records.next')}
        disabled={!state.hasNext}
        onClick={state.next}
      />
      <Select
        aria-label={t('records.pageSize')}
        value={state.pageSize}
        onChange={state.setPageSize}
        options={[10, 25, 50, 100].map((n) => ({ value: n, label: t('records.perPage', { n }) }))}
      />
    </Space>
  )
}
