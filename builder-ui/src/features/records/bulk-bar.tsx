import type { FormDefinition, WorkflowDefinition } from '@tessera/schemas'
import { Alert, Button, Space } from 'antd'
import type { RecordView } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { BulkAssign } from './bulk-assign.js'
import { BulkTransition } from './bulk-transition.js'
import { ExportMenu } from './export-menu.js'
import { useBulkPermission } from './use-bulk-permission.js'

export interface BulkBarProps {
  app: string
  formKey: string
  workflow?: WorkflowDefinition
  form?: FormDefinition
  records: RecordView[]
  onDone: () => void
}

/** What can be done with the selected rows at once: move them on, hand them to someone, export them (as the view's export: every field). */
export function BulkBar({ app, formKey, form, workflow, records, onDone }: BulkBarProps) {
  const { t } = useT()
  const { exporting } = useBulkPermission(app, form)
  // the selection is one page (at most 100 rows): its ids fit in the export's filter
  const selection = { filter: { id: { in: records.map((r) => r.id) } } }
  return (
    <Alert
      type="info"
      className="bulk-bar"
      title={
        <Space wrap size="middle">
          <strong>{t('records.selected', { n: records.length })}</strong>
          {workflow && <BulkTransition workflow={workflow} records={records} onDone={onDone} />}
          {workflow && <BulkAssign app={app} records={records} onDone={onDone} />}
          {exporting && (
            <ExportMenu
              app={app}
              formKey={formKey}
              params={selection}
              label={t('records.exportSelected', { n: records.length })}
            />
          )}
          <Button type="link" onClick={onDone}>
            {t('records.clearSelection')}
          </Button>
        </Space>
      }
    />
  )
}
