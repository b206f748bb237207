import { HolderOutlined } from '@ant-design/icons'
import { useDraggable, useDroppable } from '@dnd-kit/core'
import { type FormDefinition, type StateDefinition, recordTitle } from '@tessera/schemas'
import { Card, Empty, Typography } from 'antd'
import { Link } from 'react-router'
import type { RecordView } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { formatFieldValue } from '../forms/format-field-value.js'
import { type AppForms, shownAs } from '../forms/logic/linked-fields.js'
import { DueTag } from './due-tag.js'

export function KanbanColumn({
  state,
  form,
  records,
  total,
  totalIsEstimate,
  cardFields,
  app,
  forms,
  moving,
}: {
  state: StateDefinition
  form: FormDefinition
  /** the cards shown: the newest of the state, and cards being moved here */
  records: RecordView[]
  /** how many records the state holds */
  total: number
  totalIsEstimate: boolean
  /** the fields a card shows (the app's kanban view), else the first filled ones */
  cardFields?: string[]
  app: string
  /** lookups and rollups read as the fields they show */
  forms?: AppForms
  /** a move of this card is on its way: it cannot be picked up again until it is answered */
  moving?: (id: string) => boolean
}) {
  const { t, label, lang } = useT()
  const { setNodeRef, isOver } = useDroppable({ id: state.key })
  return (
    <section
      ref={setNodeRef}
      className={`kanban-column${isOver ? ' kanban-over' : ''}`}
      data-state={state.key}
      aria-label={label(state.label, state.key)}
    >
      <Typography.Title level={5} className="kanban-column-title">
        {label(state.label, state.key)}{' '}
        <span className="kanban-count">
          {totalIsEstimate ? '~' : ''}
          {formatCount(total, lang)}
        </span>
      </Typography.Title>
      {records.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kanban.empty')} />}
      {records.map((r) => (
        <KanbanCard
          key={r.id}
          record={r}
          form={form}
          app={app}
          forms={forms}
          cardFields={cardFields}
          moving={moving?.(r.id) === true}
        />
      ))}
      {total > records.length && (
        <Link
          className="kanban-more"
          to={`/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(form.key)}?in.state=${encodeURIComponent(state.key)}`}
        >
          {t('kanban.more', { n: formatCount(total - records.length, lang) })}
        </Link>
      )}
    </section>
  )
}

const formatCount = (n: number, lang: string) => new Intl.NumberFormat(lang).format(n)

function KanbanCard({
  record,
  form,
  forms,
  cardFields,
  moving,
}: {
  record: RecordView
  form: FormDefinition
  app: string
  forms?: AppForms
  cardFields?: string[]
  moving: boolean
}) {
  const { t, label, lang } = useT()
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: record.id,
    disabled: moving,
  })
  // ids of related records and members say nothing on a card; text, numbers and choices do
  const chosen = cardFields ? cardFields.flatMap((k) => form.fields.filter((f) => f.key === k)) : form.fields
  const shown = chosen
    .map((f) => shownAs(forms, form, f))
    .filter((f) => !HIDDEN_ON_CARD.has(f.type) && record.data[f.key] !== undefined)
    .slice(0, 3)
  const ctx = { lang, label, yes: t('common.yes'), no: t('common.no') }
  // the first card field when it has a value, else what names the record (a lead without a lead
  // number by its name), never a grade or a number that tells cards apart from nothing
  const named = cardFields?.[0] !== undefined && record.data[cardFields[0]] !== undefined
  const title =
    named && shown[0]
      ? formatFieldValue(shown[0], record.data[shown[0].key], ctx)
      : (recordTitle(form, record.data) ?? record.id.slice(0, 8))
  const style = transform
    ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)`, zIndex: 10 }
    : undefined
  // The pointer drags the whole card; the keyboard (Space, arrows, Space) drags through the handle,
  // which carries dnd-kit's role and aria so the card's link is not nested in a button.
  return (
    <div
      ref={setNodeRef}
      style={style}
      className={`kanban-card${isDragging ? ' kanban-dragging' : ''}${moving ? ' kanban-moving' : ''}`}
      aria-busy={moving || undefined}
      data-record={record.id}
      {...listeners}
    >
      <Card size="small">
        <div className="kanban-card-head">
          <Link to={`/records/${encodeURIComponent(record.id)}`} className="kanban-card-title">
            {title}
          </Link>
          <button
            type="button"
            className="kanban-handle"
            aria-label={t('kanban.move', { title })}
            {...attributes}
          >
            <HolderOutlined />
          </button>
        </div>
        {(named ? shown.slice(1) : shown).map((f) => (
          <div key={f.key} className="kanban-card-line">
            {formatFieldValue(f, record.data[f.key], ctx)}
          </div>
        ))}
        <DueTag dueAt={record.dueAt} />
      </Card>
    </div>
  )
}

const HIDDEN_ON_CARD: ReadonlySet<string> = new Set(['subform', 'relation', 'user', 'file', 'image'])
