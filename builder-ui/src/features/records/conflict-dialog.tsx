import type { FormDefinition } from '@tessera/schemas'
import { useQuery } from '@tanstack/react-query'
import { Button, List, Modal, Typography } from 'antd'
import { api } from '../../api/api.js'
import type { RecordDetail } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { FieldValue } from '../forms/field-value.js'
import { changedFields } from './changed-fields.js'

interface ConflictDialogProps {
  open: boolean
  recordId: string
  base: RecordDetail
  form: FormDefinition
  /** what I tried to save */
  mine: Record<string, unknown>
  onClose: () => void
  onReload: (latest: RecordDetail) => void
}

/** A stale save: shows what others changed since I opened the record, and my unsaved values, then reloads. */
export function ConflictDialog({ open, recordId, base, form, mine, onClose, onReload }: ConflictDialogProps) {
  const { t, label } = useT()
  const latest = useQuery({
    queryKey: ['record', recordId, 'conflict'],
    queryFn: () => api.record(recordId),
    enabled: open,
    gcTime: 0,
  })
  const changes = latest.data ? changedFields(base.data, latest.data.data) : []
  if (latest.data && base.state !== latest.data.state) changes.unshift('state')
  const field = (k: string) => form.fields.find((f) => f.key === k)
  // only what I typed, not every field the form would send
  const mineChanged = changedFields(base.data, mine).filter((k) => k in mine)
  return (
    <Modal
      open={open}
      title={t('record.conflictTitle')}
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose}>
          {t('common.close')}
        </Button>,
        <Button
          key="reload"
          type="primary"
          disabled={!latest.data}
          onClick={() => latest.data && onReload(latest.data)}
        >
          {t('common.reload')}
        </Button>,
      ]}
    >
      <Typography.Paragraph>{t('record.conflictBody')}</Typography.Paragraph>
      <List
        loading={latest.isPending}
        locale={{ emptyText: t('record.conflictNothing') }}
        dataSource={changes}
        renderItem={(k) => {
          const f = field(k)
          return (
            <List.Item>
              <div className="conflict-row">
                <Typography.Text strong>
                  {k === 'state' ? t('records.state') : label(f?.label, k)}
                </Typography.Text>
                {f && latest.data && (
                  <div className="conflict-values">
                    <FieldValue field={f} value={base.data[k]} app={base.app} /> →{' '}
                    <FieldValue field={f} value={latest.data.data[k]} app={base.app} />
                  </div>
                )}
                {k === 'state' && latest.data && (
                  <span>{`${base.state ?? ''} → ${latest.data.state ?? ''}`}</span>
                )}
              </div>
            </List.Item>
          )
        }}
      />
      {mineChanged.length > 0 && (
        <>
          <Typography.Paragraph type="secondary">{t('record.conflictReload')}</Typography.Paragraph>
          <ul className="conflict-mine">
            {mineChanged.map((k) => {
              const f = field(k)
              return (
                <li key={k}>
                  <Typography.Text strong>{label(f?.label, k)}: </Typography.Text>
                  {f ? <FieldValue field={f} value={mine[k]} app={base.app} /> : String(mine[k] ?? '')}
                </li>
              )
            })}
          </ul>
        </>
      )}
    </Modal>
  )
}
