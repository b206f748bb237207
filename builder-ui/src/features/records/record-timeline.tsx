import type { FormDefinition, WorkflowDefinition } from '@tessera/schemas'
import { Alert, Button, Card, Skeleton, Timeline, Typography } from 'antd'
import { useState } from 'react'
import type { EventView, RecordDetail } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { formatDateTime } from '../../i18n/format.js'
import { FieldValue, useUserName } from '../forms/field-value.js'
import { stateLabel } from './record-columns.js'
import { useRecordEvents } from './record-queries.js'

/** Who changed what, newest first: transitions with their states, field diffs as before → after. */
export function RecordTimeline({
  record,
  form,
  workflow,
}: {
  record: RecordDetail
  form: FormDefinition
  workflow?: WorkflowDefinition
}) {
  const { t } = useT()
  const events = useRecordEvents(record.id)
  return (
    <Card size="small" title={t('record.timeline')} className="record-timeline">
      {events.isPending && <Skeleton active />}
      {events.isError && (
        <Alert type="error" title={t('common.loadFailed', { message: events.error.message })} />
      )}
      {events.data && (
        <Timeline
          items={[...events.data]
            .sort((a, b) => b.seq - a.seq)
            .map((e) => ({
              key: e.id,
              content: <EventEntry event={e} app={record.app} form={form} workflow={workflow} />,
            }))}
        />
      )}
    </Card>
  )
}

function EventEntry({
  event,
  app,
  form,
  workflow,
}: {
  event: EventView
  app: string
  form: FormDefinition
  workflow?: WorkflowDefinition
}) {
  const { t, label, lang } = useT()
  const userName = useUserName(app)
  const who = event.actor
    ? (userName(event.actor) ?? event.actorName ?? event.actor.slice(0, 8))
    : t('event.system')
  const trLabel = label(
    workflow?.transitions.find((x) => x.key === event.transition)?.label,
    event.transition ?? '',
  )
  const [open, setOpen] = useState(false)
  const diffs = Object.entries(event.diff ?? {})
  const what =
    event.type === 'transition' || (event.type === 'timer' && event.to)
      ? t('event.transition', {
          transition: trLabel,
          from: stateLabel(workflow, event.from ?? null, label),
          to: stateLabel(workflow, event.to ?? null, label),
        })
      : t(`event.${event.type}`)
  const text =
    typeof event.meta?.text === 'string'
      ? event.meta.text
      : typeof event.meta?.comment === 'string'
        ? event.meta.comment
        : null
  return (
    <div className="event-entry" data-event={event.type}>
      <div>
        <Typography.Text strong>{who}</Typography.Text> {what}{' '}
        <Typography.Text type="secondary">{formatDateTime(event.at, lang)}</Typography.Text>
      </div>
      {text && <div className="pre-wrap event-text">{text}</div>}
      {diffs.slice(0, open ? undefined : DIFF_PREVIEW).map(([k, [before, after]]) => {
        const f = form.fields.find((x) => x.key === k)
        return (
          <div key={k} className="event-diff">
            <Typography.Text type="secondary">{label(f?.label, k)}: </Typography.Text>
            {f ? <FieldValue field={f} value={before} app={app} /> : String(before ?? '')} →{' '}
            {f ? <FieldValue field={f} value={after} app={app} /> : String(after ?? '')}
          </div>
        )
      })}
      {diffs.length > DIFF_PREVIEW && (
        <Button type="link" size="small" className="no-print" onClick={() => setOpen(!open)}>
          {open ? t('record.fewerChanges') : t('record.moreChanges', { n: diffs.length - DIFF_PREVIEW })}
        </Button>
      )}
    </div>
  )
}

// an import sets every field at once; the first few say enough until asked for the rest
const DIFF_PREVIEW = 6
