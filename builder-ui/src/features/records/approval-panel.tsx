import { Alert, App, Button, Input, List, Modal, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { RecordDetail } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { formatDateTime } from '../../i18n/format.js'
import { useSession } from '../auth/session-queries.js'
import { useUserName } from '../forms/field-value.js'
import { useDecision } from './record-queries.js'

/** Decisions so far, who is still to decide, and approve / reject for me when I am one of them. */
export function ApprovalPanel({ record }: { record: RecordDetail }) {
  const { t, lang } = useT()
  const { message } = App.useApp()
  const { me } = useSession()
  const userName = useUserName(record.app)
  const decide = useDecision(record.id)
  const [pending, setPending] = useState<'approve' | 'reject' | null>(null)
  const [comment, setComment] = useState('')
  const approval = record.approval!
  const mine = me ? approval.pending.includes(me.user.id) : false
  return (
    <div className="approval-panel">
      <Typography.Title level={5}>{t('record.approvals')}</Typography.Title>
      <List
        size="small"
        dataSource={approval.decisions}
        renderItem={(d) => (
          <List.Item>
            <Space wrap>
              <Tag color={d.decision === 'approve' ? 'green' : 'red'}>
                {d.decision === 'approve' ? t('record.approve') : t('record.reject')}
              </Tag>
              <span>{userName(d.userId) ?? d.userId}</span>
              <Typography.Text type="secondary">{formatDateTime(d.at, lang)}</Typography.Text>
              {d.comment && <span className="pre-wrap">{d.comment}</span>}
            </Space>
          </List.Item>
        )}
      />
      {approval.pending.length > 0 && (
        <Typography.Text type="secondary">
          {t('record.pendingDeciders', { n: approval.pending.length })}
        </Typography.Text>
      )}
      {mine && (
        <Space className="no-print">
          <Button type="primary" onClick={() => setPending('approve')}>
            {t('record.approve')}
          </Button>
          <Button danger onClick={() => setPending('reject')}>
            {t('record.reject')}
          </Button>
        </Space>
      )}
      <Modal
        open={pending !== null}
        title={pending === 'approve' ? t('record.approve') : t('record.reject')}
        confirmLoading={decide.isPending}
        onCancel={() => setPending(null)}
        onOk={() =>
          pending &&
          decide.mutate(
            { decision: pending, comment: comment.trim() || undefined, version: record.version },
            {
              onSuccess: () => setPending(null),
              onError: (e) => message.error(t('error.generic', { message: e.message })),
            },
          )
        }
      >
        {decide.isError && <Alert type="error" title={decide.error.message} />}
        <Input.TextArea
          aria-label={t('record.decisionComment')}
          placeholder={t('record.decisionComment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </Modal>
    </div>
  )
}
