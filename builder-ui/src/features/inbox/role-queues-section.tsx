import { useQuery } from '@tanstack/react-query'
import { recordTitle } from '@tessera/schemas'
import { Alert, Card, List, Space, Tag, Typography } from 'antd'
import { Link } from 'react-router'
import { api } from '../../api/api.js'
import type { RoleQueue } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { formatDateTime, formatDecimal } from '../../i18n/format.js'
import { useApp } from '../apps/app-queries.js'

export const roleQueuesQueryKey = ['inbox', 'queues'] as const

/**
 * Work no one holds yet but my role or department may take: one card per queue, with how many
 * wait there, the longest waiting first, and a link to the whole list. Nothing shows when every
 * queue is empty.
 */
export function RoleQueuesSection() {
  const { t } = useT()
  const queues = useQuery({ queryKey: roleQueuesQueryKey, queryFn: () => api.inboxQueues() })
  if (queues.isError)
    return <Alert type="error" title={t('common.loadFailed', { message: queues.error.message })} />
  if (!queues.data || queues.data.queues.length === 0) return null
  return (
    <Card
      title={t('inbox.queues')}
      className="role-queues"
      data-testid="role-queues"
      style={{ marginBottom: 16 }}
    >
      <Typography.Paragraph type="secondary">{t('inbox.queuesHelp')}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }} size="large">
        {queues.data.queues.map((q) => (
          <QueueCard key={`${q.app}/${q.form}/${q.state}`} queue={q} />
        ))}
      </Space>
    </Card>
  )
}

/** The records page filtered to this queue: the state, nobody assigned, the longest waiting first. */
const listLink = (q: RoleQueue) =>
  `/apps/${encodeURIComponent(q.app)}/forms/${encodeURIComponent(q.form)}?${new URLSearchParams({
    'in.state': q.state,
    'empty.assignee': '1',
    sort: 'updated_at',
  })}`

function QueueCard({ queue }: { queue: RoleQueue }) {
  const { t, label, lang } = useT()
  const def = useApp(queue.app).data?.definition
  const form = def?.forms.find((f) => f.key === queue.form)
  const workflow = def?.workflows?.find((w) => w.form === queue.form)
  const state = workflow?.states.find((s) => s.key === queue.state)
  const who =
    'role' in queue.queue && queue.queue.role
      ? label(def?.roles.find((r) => r.key === queue.queue.role)?.label, queue.queue.role)
      : (queue.queue.department ?? '')
  const count = `${queue.totalIsEstimate ? '≈' : ''}${formatDecimal(queue.total, lang)}`
  return (
    <div className="role-queue" data-queue={`${queue.form}/${queue.state}`}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>
          {label(form?.title, queue.form)} · {label(state?.label, queue.state)}
        </Typography.Text>
        <Tag color="orange">{t('inbox.queueWaiting', { count })}</Tag>
        <Typography.Text type="secondary">{t('inbox.queueFor', { who })}</Typography.Text>
        <Link to={listLink(queue)}>{t('inbox.queueOpen')}</Link>
      </Space>
      <List
        size="small"
        dataSource={queue.items}
        renderItem={(r) => (
          <List.Item data-record={r.id}>
            <Link to={`/records/${encodeURIComponent(r.id)}`}>{recordTitle(form, r.data) ?? r.id}</Link>
            <Typography.Text type="secondary">
              {t('records.updatedAt')}: {formatDateTime(r.updatedAt, lang)}
            </Typography.Text>
          </List.Item>
        )}
      />
    </div>
  )
}
