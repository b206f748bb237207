import { PrinterOutlined } from '@ant-design/icons'
import { recordTitle } from '@tessera/schemas'
import { Alert, Button, Skeleton, Space, Tag, Typography } from 'antd'
import { useRef } from 'react'
import { useParams } from 'react-router'
import type { RecordDetail } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { useForm } from '../apps/app-queries.js'
import { useUserName } from '../forms/field-value.js'
import { DueTag } from './due-tag.js'
import { RecordActions } from './record-actions.js'
import { RecordComments } from './record-comments.js'
import { RecordEditForm } from './record-edit-form.js'
import { stateLabel } from './record-columns.js'
import { useRecord } from './record-queries.js'
import { RecordTimeline } from './record-timeline.js'
import { RelatedRecords } from './related-records.js'
import type { UnsavedEdits } from './unsaved-edits.js'

/** One record: its form, the actions open to me now, assignee and SLA, related records, comments, history. */
export function RecordPage() {
  const { id = '' } = useParams()
  const { t } = useT()
  const record = useRecord(id)
  if (record.isPending) return <Skeleton active />
  if (record.isError)
    return <Alert type="error" title={t('common.loadFailed', { message: record.error.message })} />
  return <RecordView record={record.data} refreshing={record.isFetching} />
}

function RecordView({ record, refreshing }: { record: RecordDetail; refreshing: boolean }) {
  const { t, label } = useT()
  const def = useForm(record.app, record.form)
  const userName = useUserName(record.app)
  const edits = useRef<UnsavedEdits | null>(null)
  if (def.isPending) return <Skeleton active />
  if (!def.form) return <Alert type="error" title={t('common.loadFailed', { message: record.form })} />
  // what names this record (a name, else an e-mail or its number), from what I may see of it
  const title = recordTitle(def.form, record.data)
  return (
    <div className="page record-page">
      <div className="record-head">
        <Space wrap align="center">
          <Typography.Title level={2} className="record-title">
            {label(def.form.title, record.form)}
            {title && <span className="record-name"> · {title}</span>}
          </Typography.Title>
          {record.state && (
            <Tag color="geekblue" className="record-state">
              {stateLabel(def.workflow, record.state, label)}
            </Tag>
          )}
          {record.assignee && (
            <Typography.Text>
              {t('records.assignee')}: {userName(record.assignee) ?? record.assignee}
            </Typography.Text>
          )}
          <DueTag dueAt={record.dueAt} />
        </Space>
        <Button className="no-print" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('common.print')}
        </Button>
      </div>
      {record.needsMigration && <Alert type="warning" title={t('record.needsMigration')} />}
      {record.duplicateOf && <Alert type="warning" title={t('record.duplicateOf')} />}
      <div className="record-columns">
        <main className="record-main">
          <RecordActions
            record={record}
            form={def.form}
            workflow={def.workflow}
            disabled={refreshing}
            edits={edits}
          />
          <RecordEditForm record={record} form={def.form} edits={edits} />
        </main>
        <aside className="record-side">
          <RelatedRecords record={record} definition={def.definition!} />
          <RecordComments recordId={record.id} app={record.app} />
          <RecordTimeline record={record} form={def.form} workflow={def.workflow} />
        </aside>
      </div>
    </div>
  )
}
