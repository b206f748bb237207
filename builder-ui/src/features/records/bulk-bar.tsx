import { DownloadOutlined } from '@ant-design/icons'
import type { WorkflowDefinition } from '@tessera/schemas'
import { Alert, Button, Dropdown, Space } from 'antd'
import { apiPaths } from '../../api/api.js'
import type { RecordView } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { BulkAssign } from './bulk-assign.js'
import { BulkTransition } from './bulk-transition.js'

export interface BulkBarProps {
  app: string
  formKey: string
  workflow?: WorkflowDefinition
  records: RecordView[]
  onDone: () => void
}

/** What can be done with the selected rows at once: move them on, hand them to someone, export them (as the view's export: every field). */
export function BulkBar({ app, formKey, workflow, records, onDone }: BulkBarProps) {
  const { t } = useT()
  // the selection is one page (at most 100 rows): its ids fit in the export's filter
  const selection = { filter: { id: { in: records.map((r) => r.id) } } }
  const exportUrl = (format: 'csv' | 'xlsx') => apiPaths.exportUrl(app, formKey, format, selection)
  return (
    <Alert
      type="info"
      className="bulk-bar"
      title={
        <Space wrap size="middle">
          <strong>{t('records.selected', { n: records.length })}</strong>
          {workflow && <BulkTransition workflow={workflow} records={records} onDone={onDone} />}
          {workflow && <BulkAssign app={app} records={records} onDone={onDone} />}
          <Dropdown
            menu={{
              items: (['csv', 'xlsx'] as const).map((format) => ({
                key: format,
                label: (
                  <a href={exportUrl(format)} download>
                    {format === 'csv' ? t('records.exportCsv') : t('records.exportXlsx')}
                  </a>
                ),
              })),
            }}
          >
            <Button icon={<DownloadOutlined />}>{t('records.exportSelected', { n: records.length })}</Button>
          </Dropdown>
          <Button type="link" onClick={onDone}>
            {t('records.clearSelection')}
          </Button>
        </Space>
      }
    />
  )
}
