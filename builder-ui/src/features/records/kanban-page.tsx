import {
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core'
import { Alert, App, Skeleton, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useParams } from 'react-router'
import type { RecordView } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { useForm } from '../apps/app-queries.js'
import { KanbanColumn } from './kanban-column.js'
import { findTransition } from './kanban-moves.js'
import { useRecords } from './record-queries.js'
import { TransitionDialog } from './transition-dialog.js'
import { useFireTransition } from './use-fire-transition.js'

/**
 * Records as cards in one column per workflow state. Dropping a card on another column fires the
 * transition between them; the card only moves when the server agrees, else it snaps back with
 * the reason.
 */
export function KanbanPage() {
  const { app = '', form = '' } = useParams()
  const { t, label } = useT()
  const { message } = App.useApp()
  const def = useForm(app, form)
  const list = useRecords(app, form, { limit: 200, sort: '-updated_at' }, Boolean(def.workflow))
  const [moving, setMoving] = useState<Record<string, string>>({})
  const fieldLabel = (k: string) => label(def.form?.fields.find((f) => f.key === k)?.label, k)
  const fire = useFireTransition(fieldLabel)
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor),
  )
  const items = list.data?.items
  // a move the server accepted shows up in the list; the optimistic override is then dropped
  useEffect(() => {
    if (!items) return
    setMoving((m) => {
      const keep = Object.entries(m).filter(([id, to]) => items.find((r) => r.id === id)?.state !== to)
      return keep.length === Object.keys(m).length ? m : Object.fromEntries(keep)
    })
  }, [items])
  if (def.isPending) return <Skeleton active />
  if (!def.form)
    return <Alert type="error" title={t('common.loadFailed', { message: def.error?.message ?? form })} />
  if (!def.workflow) return <Alert type="info" title={t('records.noWorkflow')} />
  const workflow = def.workflow
  const records = list.data?.items ?? []
  const stateOf = (r: RecordView) => moving[r.id] ?? r.state

  const onDragEnd = (e: DragEndEvent) => {
    const record = records.find((r) => r.id === e.active.id)
    const to = e.over?.id !== undefined ? String(e.over.id) : null
    if (!record || !to || to === record.state) return
    const tr = findTransition(workflow, record.state, to)
    const name = (s: string | null) => label(workflow.states.find((x) => x.key === s)?.label, s ?? '')
    if (!tr) return void message.warning(t('kanban.noTransition', { from: name(record.state), to: name(to) }))
    setMoving((m) => ({ ...m, [record.id]: to }))
    const snapBack = () => setMoving(({ [record.id]: _gone, ...rest }) => rest)
    fire.fire(
      record.id,
      record.version,
      { key: tr.key, label: tr.label, requires: tr.requires ?? [] },
      record.data,
      snapBack,
    )
  }

  return (
    <div className="page kanban-page">
      <Typography.Title level={2}>
        {label(def.form.title, form)} · {t('kanban.title')}
      </Typography.Title>
      {list.isError && <Alert type="error" title={t('common.loadFailed', { message: list.error.message })} />}
      <DndContext sensors={sensors} onDragEnd={onDragEnd}>
        <div className="kanban-board">
          {workflow.states.map((s) => (
            <KanbanColumn
              key={s.key}
              state={s}
              form={def.form!}
              forms={def.definition}
              records={records.filter((r) => stateOf(r) === s.key)}
              app={app}
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
        onSubmit={fire.confirm}
        onCancel={fire.cancel}
      />
    </div>
  )
}
