import { List, Space, Tag, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import type { DiffEntry } from '../logic/definition-diff.js'
import { propertyName } from './property-name.js'

const COLORS = { added: 'green', removed: 'red', changed: 'gold' } as const

/** The changes a publish makes, one line each. */
export function DiffList({ entries }: { entries: DiffEntry[] }) {
  const { t } = useT()
  return (
    <List
      size="small"
      data-testid="builder-diff"
      dataSource={entries}
      renderItem={(entry) => (
        <List.Item>
          <Space wrap>
            <Tag color={COLORS[entry.kind]}>{t(`builder.diff.${entry.kind}`)}</Tag>
            <Typography.Text>{t(`builder.diff.part.${entry.part}`)}</Typography.Text>
            <Typography.Text code>{entry.path}</Typography.Text>
            {entry.properties?.map((p) => (
              <Tag key={p} title={p}>
                {propertyName(p, t)}
              </Tag>
            ))}
          </Space>
        </List.Item>
      )}
    />
  )
}
