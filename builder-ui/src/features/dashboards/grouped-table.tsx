import { Table } from 'antd'
import { useT } from '../../i18n/i18n-context.js'
import { formatDecimal } from '../../i18n/format.js'
import type { Bucket } from './aggregate.js'

interface GroupedTableProps {
  buckets: Bucket[]
  /** the heading of the group column (the group-by field's label) */
  groupTitle: string
  /** the name of a group value (an option's label) */
  groupName: (group: string) => string
  /** the name of a column key (a funnel stage) */
  keyName: (key: string) => string
}

/** A server report with two dimensions as a pivot: one row per group, one column per key, a step's rate beside its count. */
export function GroupedTable({ buckets, groupTitle, groupName, keyName }: GroupedTableProps) {
  const { lang } = useT()
  const keys = [...new Set(buckets.map((b) => b.key))]
  const rows = [...new Set(buckets.map((b) => b.group ?? ''))].map((group) => ({
    group,
    cells: Object.fromEntries(buckets.filter((b) => (b.group ?? '') === group).map((b) => [b.key, b])),
  }))
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="group"
      dataSource={rows}
      // wider than its card: it scrolls sideways with the group names kept in view
      scroll={{ x: 'max-content' }}
      columns={[
        { key: 'group', title: groupTitle, fixed: 'left' as const, render: (_v, r) => groupName(r.group) },
        ...keys.map((k) => ({
          key: k,
          title: keyName(k),
          render: (_v: unknown, r: (typeof rows)[number]) => {
            const b = r.cells[k]
            if (!b) return ''
            // the step's rate under its count: a column is as wide as its heading, so six stages
            // fit a card (what does not scrolls sideways)
            return (
              <span className="step-cell">
                {formatDecimal(b.value, lang)}
                {b.rate !== undefined && <span className="step-rate">{Math.round(b.rate * 100)}%</span>}
              </span>
            )
          },
        })),
      ]}
    />
  )
}
