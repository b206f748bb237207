import {
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core'
import { useQueries } from '@tanstack/react-query'
import { Alert, App, Skeleton, Typography } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { useParams } from 'react-router'
import type { RecordView } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { useForm } from '../apps/app-queries.js'
import { KanbanColumn } from './kanban-column.js'
import { findTransition } from './kanban-moves.js'
import { recordsQuery } from './record-queries.js'
import { TransitionDialog } from './transition-dialog.js'
import { useFireTransition } from './use-fire-transition.js'

/** Cards a column shows at once; its count is the state's total, and a link opens them all. */
export const CARDS_PER_COLUMN = 50

/**
 * Records as cards in one column per workflow state, each column its own query (its newest cards
 * and the state's true count). Dropping a card on another column fires the transition between
 * them; a card moves on the drop and snaps back with the reason if the server refuses, or, when
 * the move asks for fields first, only once the dialog's move is done.
 */
export function KanbanPage() {
  const { app = '', form = '' } = useParams()
  const { t, label } = useT()
  const { message } = App.useApp()
  const def = useForm(app, form)
  const states = def.workflow?.states ?? []
  const columns = useQueries({
    queries: states.map((s) =>
      recordsQuery(app, form, {
        filter: { state: { eq: s.key } },
        limit: CARDS_PER_COLUMN,
        sort: '-updated_at',
      }),
    ),
  })
  // the kanban view the app ships for this form says which fields a card shows
  const board = def.definition?.views?.find((v) => v.form === form && v.type === 'kanban')
  const [moving, setMoving] = useState<Record<string, { record: RecordView; to: string }>>({})
  const fieldLabel = (k: string) => label(def.form?.fields.find((f) => f.key === k)?.label, k)
  const fire = useFireTransition(fieldLabel)
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor),
  )
  const loaded = columns.map((c) => c.data)
  const items = useMemo(() => loaded.flatMap((d) => d?.items ?? []), [loaded])
  // a move the server accepted shows up in its new column; the optimistic override is then dropped
  useEffect(() => {
    setMoving((m) => {
      const keep = Object.entries(m).filter(([id, { to }]) => items.find((r) => r.id === id)?.state !== to)
      return keep.length === Object.keys(m).length ? m : Object.fromEntries(keep)
    })
  }, [items])
  const failed = columns.find((c) => c.isError)?.error
  if (def.isPending) return <Skeleton active />
  if (!def.form)
    return <Alert type="error" title={t('common.loadFailed', { message: def.error?.message ?? form })} />
  if (!def.workflow) return <Alert type="info" title={t('records.noWorkflow')} />
  const workflow = def.workflow
  const records = items
  const stateOf = (r: RecordView) => moving[r.id]?.to ?? r.state
  const inColumn = (key: string) => {
    const here = records.filter((r) => stateOf(r) === key)
    const arriving = Object.values(moving)
      .filter((m) => m.to === key && !here.some((r) => r.id === m.record.id))
      .map((m) => m.record)
    return [...arriving, ...here]
  }
  // the server's count, moved cards counted where they are going
  const countOf = (key: string, i: number) => {
    const total = loaded[i]?.total ?? 0
    const leaving = Object.values(moving).filter((m) => m.record.state === key && m.to !== key).length
    const coming = Object.values(moving).filter((m) => m.to === key && m.record.state !== key).length
    return total - leaving + coming
  }

  const onDragEnd = (e: DragEndEvent) => {
    const record = records.find((r) => r.id === e.active.id)
    const to = e.over?.id !== undefined ? String(e.over.id) : null
    if (!record || !to || to === record.state) return
    const tr = findTransition(workflow, record.state, to)
    const name = (s: string | null) => label(workflow.states.find((x) => x.key === s)?.label, s ?? '')
    if (!tr) return void message.warning(t('kanban.noTransition', { from: name(record.state), to: name(to) }))
    const snapBack = () => setMoving(({ [record.id]: _gone, ...rest }) => rest)
    const place = () => setMoving((m) => ({ ...m, [record.id]: { record, to } }))
    const started = fire.fire(
      record.id,
      record.version,
      { key: tr.key, label: tr.label, requires: tr.requires ?? [] },
      record.data,
      { onRefused: snapBack, onDone: place },
    )
    // a move sent at once shows on the drop (and snaps back if refused); one through a dialog (won
    // asks for the close value) only once done, so an open or cancelled dialog leaves the card put.
    // A card whose last move is still on its way stays where that move put it.
    if (started === 'sent') place()
  }

  return (
    <div className="page kanban-page">
      <Typography.Title level={2}>
        {label(def.form.title, form)} · {t('kanban.title')}
      </Typography.Title>
      {failed && <Alert type="error" title={t('common.loadFailed', { message: failed.message })} />}
      <DndContext sensors={sensors} onDragEnd={onDragEnd}>
        <div className="kanban-board">
          {workflow.states.map((s, i) => (
            <KanbanColumn
              key={s.key}
              state={s}
              form={def.form!}
              forms={def.definition}
              records={inColumn(s.key)}
              total={countOf(s.key, i)}
              totalIsEstimate={loaded[i]?.totalIsEstimate === true}
              cardFields={board?.columns}
              app={app}
              moving={fire.busyFor}
            />
          ))}
        </div>
      </DndContext>
      <TransitionDialog
        app={app}
        form={def.form}
        transition={fire.dialog?.transition ?? null}
        initial={fire.dialog?.initial}
        busy={fire.busy}
        error={fire.dialogError}
        problem={fire.dialogProblem}
        onSubmit={fire.confirm}
        onCancel={fire.cancel}
      />
    </div>
  )
}
