import { Alert, Empty, List, Skeleton, Space, Tag, Typography } from 'antd'
import { Link } from 'react-router'
import type { RecordDetail } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { formatDateTime } from '../../i18n/format.js'
import { useApp } from '../apps/app-queries.js'
import { DueTag } from '../records/due-tag.js'
import { DeactivatedWorkSection } from './deactivated-work-section.js'
import { InboxActions } from './inbox-actions.js'
import { RoleQueuesSection } from './role-queues-section.js'
import { recordTitle } from '@tessera/schemas'
import { sortByDue } from './sort-by-due.js'
import { useInbox } from './inbox-queries.js'

/** My work across apps: assigned to me or awaiting my decision, soonest SLA first, overdue marked. */
export function InboxPage() {
  const { t } = useT()
  const inbox = useInbox()
  if (inbox.isPending) return <Skeleton active />
  if (inbox.isError)
    return <Alert type="error" title={t('common.loadFailed', { message: inbox.error.message })} />
  const items = sortByDue(inbox.data.items, Date.now())
  return (
    <div className="page inbox-page">
      <Typography.Title level={2}>
        {t('inbox.title')} <Tag>{inbox.data.items.length}</Tag>
      </Typography.Title>
      <DeactivatedWorkSection />
      {items.length === 0 ? (
        <Empty description={t('inbox.empty')} />
      ) : (
        <List className="inbox-list" dataSource={items} renderItem={(r) => <InboxItem record={r} />} />
      )}
      <RoleQueuesSection />
    </div>
  )
}

function InboxItem({ record }: { record: RecordDetail }) {
  const { t, label, lang } = useT()
  const app = useApp(record.app)
  const def = app.data?.definition
  const form = def?.forms.find((f) => f.key === record.form)
  const workflow = def?.workflows?.find((w) => w.form === record.form)
  const title = recordTitle(form, record.data)
  const overdue = record.dueAt ? Date.parse(record.dueAt) < Date.now() : false
  return (
    <List.Item className={overdue ? 'inbox-item inbox-overdue' : 'inbox-item'} data-record={record.id}>
      <div className="inbox-main">
        <Space wrap>
          <Link to={`/records/${encodeURIComponent(record.id)}`} className="inbox-title">
            {title ?? record.id}
          </Link>
          <Tag>
            {label(def?.name, record.app)} · {label(form?.title, record.form)}
          </Tag>
          {record.state && (
            <Tag color="geekblue">
              {label(workflow?.states.find((s) => s.key === record.state)?.label, record.state)}
            </Tag>
          )}
          <DueTag dueAt={record.dueAt} />
        </Space>
        <Typography.Text type="secondary">
          {t('records.updatedAt')}: {formatDateTime(record.updatedAt, lang)}
        </Typography.Text>
      </div>
      {form && <InboxActions record={record} form={form} workflow={workflow} />}
    </List.Item>
  )
}
