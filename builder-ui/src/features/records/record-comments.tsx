import { Alert, Button, Card, Input, List, Typography } from 'antd'
import { useState } from 'react'
import { useT } from '../../i18n/i18n-context.js'
import { formatDateTime } from '../../i18n/format.js'
import { useAddComment, useRecordEvents } from './record-queries.js'

/** Comments on the record: they are events of type `comment`, so they also sit in the history. */
export function RecordComments({ recordId }: { recordId: string }) {
  const { t, lang } = useT()
  const events = useRecordEvents(recordId)
  const add = useAddComment(recordId)
  const [text, setText] = useState('')
  const comments = (events.data ?? []).filter((e) => e.type === 'comment').sort((a, b) => b.seq - a.seq)
  return (
    <Card size="small" title={t('record.comments')} className="record-comments no-print-empty">
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
      <List
        size="small"
        dataSource={comments}
        renderItem={(c) => (
          <List.Item>
            <div>
              <Typography.Text type="secondary">{formatDateTime(c.at, lang)}</Typography.Text>
              <div className="pre-wrap">{String(c.meta?.text ?? c.meta?.comment ?? '')}</div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  )
}
