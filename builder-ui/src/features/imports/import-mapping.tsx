import type { FieldDefinition } from '@tessera/schemas'
import { Select, Table, Typography } from 'antd'
import { useT } from '../../i18n/i18n-context.js'
import { previewCell } from './preview-cell.js'

interface ImportMappingProps {
  headers: string[]
  rows: string[][]
  fields: FieldDefinition[]
  mapping: Record<string, string | null>
  onChange: (m: Record<string, string | null>) => void
}

/** Column -> field choosers (pre-filled by auto-mapping), and the first rows under the fields they feed. */
export function ImportMapping({ headers, rows, fields, mapping, onChange }: ImportMappingProps) {
  const { t, label } = useT()
  const options = [
    { value: '', label: t('import.skip') },
    ...fields.map((f) => ({ value: f.key, label: label(f.label, f.key) })),
  ]
  const mapped = headers.map((h, i) => ({
    h,
    i,
    field: mapping[h] ? fields.find((f) => f.key === mapping[h]) : undefined,
  }))
  return (
    <div className="import-mapping">
      <Typography.Title level={5}>{t('import.mapping')}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="h"
        dataSource={mapped}
        columns={[
          { key: 'h', title: t('import.column'), render: (_v, r) => r.h },
          {
            key: 'f',
            title: t('import.field'),
            render: (_v, r) => (
              <Select
                aria-label={`${t('import.field')}: ${r.h}`}
                style={{ minWidth: 200 }}
                value={mapping[r.h] ?? ''}
                options={options}
                onChange={(v: string) => onChange({ ...mapping, [r.h]: v || null })}
              />
            ),
          },
        ]}
      />
      <Typography.Title level={5}>{t('import.preview')}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowKey={(_r, i) => String(i)}
        dataSource={rows}
        columns={mapped
          .filter((m) => m.field)
          .map((m) => ({
            key: m.h,
            title: label(m.field!.label, m.field!.key),
            render: (_v: unknown, row: string[]) => {
              const cell = previewCell(m.field!, row[m.i] ?? '')
              return cell.ok ? (
                cell.value
              ) : (
                <Typography.Text type="danger" title={t('import.notAnOption')}>
                  {cell.value}
                </Typography.Text>
              )
            },
          }))}
      />
    </div>
  )
}
