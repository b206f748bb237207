import { Alert, Button, Card, Input, List, Typography } from 'antd'
import { useState } from 'react'
import { useT } from '../../i18n/i18n-context.js'
import { formatDateTime } from '../../i18n/format.js'
import { useUserName } from '../forms/field-value.js'
import { useAddComment, useRecordComments } from './record-queries.js'

/** Comments on the record, newest first; stored and shown as plain text. */
export function RecordComments({ recordId, app }: { recordId: string; app: string }) {
  const { t, lang } = useT()
  const comments = useRecordComments(recordId)
  const userName = useUserName(app)
  const add = useAddComment(recordId)
  const [text, setText] = useState('')
  const list = [...(comments.data ?? [])].sort((a, b) => b.at.localeCompare(a.at))
  return (
    <Card size="small" title={t('record.comments')} className="record-comments">
      <Input.TextArea
        aria-label={t('record.addComment')}
        placeholder={t('record.commentPlaceholder')}
        value={text}
        autoSize={{ minRows: 2, maxRows: 6 }}
        onChange={(e) => setText(e.target.value)}
        className="no-print"
      />
      {add.isError && <Alert type="error" title={t('error.generic', { message: add.error.message })} />}
      <Button
        className="no-print"
        style={{ marginTop: 8 }}
        disabled={!text.trim()}
        loading={add.isPending}
        onClick={() => add.mutate(text.trim(), { onSuccess: () => setText('') })}
      >
        {t('record.addComment')}
      </Button>
      {comments.isError && (
        <Alert type="error" title={t('common.loadFailed', { message: comments.error.message })} />
      )}
      <List
        size="small"
        dataSource={list}
        renderItem={(c) => (
          <List.Item>
            <div className="comment">
              <Typography.Text strong>
                {c.author ? (userName(c.author) ?? c.author) : t('event.system')}
              </Typography.Text>{' '}
              <Typography.Text type="secondary">{formatDateTime(c.at, lang)}</Typography.Text>
              <div className="pre-wrap">{c.body}</div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  )
}
