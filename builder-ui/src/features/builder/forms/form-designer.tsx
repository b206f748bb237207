import {
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  type CollisionDetection,
  useSensor,
  useSensors,
} from '@dnd-kit/core'
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable'
import type { FieldType, FormDefinition } from '@tessera/schemas'
import { Button, Card, Empty, Flex, Segmented } from 'antd'
import { memo, useCallback, useState } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { bothLanguages } from '../common/both-languages.js'
import { typeLabelKey } from '../common/type-label.js'
import { useDraftActions, useDraftForm, useDraftSelector } from '../draft/draft-context.js'
import { useSelection } from '../draft/selection-context.js'
import type { FieldPlace } from '../draft/draft-actions.js'
import { dropPlace, readSource } from './drag-ids.js'
import { FieldPalette } from './field-palette.js'
import { FormCanvas } from './form-canvas.js'
import { FormPicker } from './form-picker.js'
import { FormPreview } from './form-preview.js'
import { PropertyPanel } from './property-panel.js'
import { newField } from './new-field.js'

// Pointer position first (drops land where the pointer is), rectangles for the keyboard sensor.
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args)
  return hits.length > 0 ? hits : rectIntersection(args)
}

// Module constants: a new options object per render makes dnd-kit hand every sortable card a new
// context, and all 300 cards of a big form re-render on each keystroke.
const POINTER_OPTIONS = { activationConstraint: { distance: 4 } }
const KEYBOARD_OPTIONS = { coordinateGetter: sortableKeyboardCoordinates }

/** Forms tab: palette, canvas and property panel, with a live preview of the form being built. */
export function FormDesigner() {
  const { t, lang } = useT()
  const { dispatch, getDraft } = useDraftActions()
  const { selection, select } = useSelection()
  const [mode, setMode] = useState<'design' | 'preview'>('design')
  const selectedForm = 'form' in selection ? selection.form : undefined
  // Only the key: the designer and its DndContext stay put while a field is edited; the canvas and
  // the property panel below subscribe to the form themselves.
  const formKey = useDraftSelector((s) => {
    const forms = s.history.present.forms
    return (forms.find((f) => f.key === selectedForm) ?? forms[0])?.key
  })
  const currentForm = useCallback(() => getDraft().forms.find((f) => f.key === formKey), [getDraft, formKey])
  const insert = useCallback(
    (type: FieldType, place?: FieldPlace) => {
      const current = currentForm()
      if (!current) return
      // A new field is labelled with its type's name in both languages; its key follows the label.
      const field = newField(
        type,
        bothLanguages(typeLabelKey(type)),
        current.fields.map((f) => f.key),
        { form: current, app: getDraft(), lang },
      )
      dispatch({ type: 'field/insert', form: current.key, field, ...(place && { place }) })
      select({ kind: 'field', form: current.key, field: field.key })
    },
    [dispatch, select, currentForm, getDraft, lang],
  )
  if (!formKey) {
    return (
      <Card>
        <Empty description={t('builder.form.none')}>
          <FormPicker form={undefined} />
        </Empty>
      </Card>
    )
  }

  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PickerPane formKey={formKey} />
        <Segmented
          value={mode}
          onChange={(value) => setMode(value as 'design' | 'preview')}
          options={[
            { value: 'design', label: t('builder.form.design') },
            { value: 'preview', label: t('builder.form.preview') },
          ]}
        />
      </Flex>
      <DesignerPanes formKey={formKey} mode={mode} insert={insert} currentForm={currentForm} />
    </Flex>
  )
}

function PickerPane({ formKey }: { formKey: string }) {
  return <FormPicker form={useDraftForm(formKey)} />
}

function CanvasPane({ formKey, mode }: { formKey: string; mode: 'design' | 'preview' }) {
  const form = useDraftForm(formKey)
  if (!form) return null
  return mode === 'design' ? <FormCanvas form={form} /> : <FormPreview form={form} />
}

function PropertyPane({ formKey }: { formKey: string }) {
  const form = useDraftForm(formKey)
  return form ? <PropertyPanel form={form} /> : null
}

interface DesignerPanesProps {
  formKey: string
  mode: 'design' | 'preview'
  insert: (type: FieldType, place?: FieldPlace) => void
  currentForm: () => FormDefinition | undefined
}

/**
 * The three panes inside their DndContext, memoised on stable props: selecting a field re-renders
 * the designer above, and a DndContext render hands all 300 sortable cards a new context.
 */
const DesignerPanes = memo(function DesignerPanes({
  formKey,
  mode,
  insert,
  currentForm,
}: DesignerPanesProps) {
  const { t } = useT()
  const { dispatch } = useDraftActions()
  const [dragging, setDragging] = useState<string | null>(null)
  const sensors = useSensors(
    useSensor(PointerSensor, POINTER_OPTIONS),
    useSensor(KeyboardSensor, KEYBOARD_OPTIONS),
  )
  const append = useCallback((type: FieldType) => insert(type), [insert])
  const onDragStart = (event: DragStartEvent) => setDragging(String(event.active.id))
  const onDragEnd = (event: DragEndEvent) => {
    setDragging(null)
    const form = currentForm()
    if (!event.over || !form) return
    const place = dropPlace(form, event.active.id, event.over.id)
    const source = readSource(event.active.id)
    if (!place || !source) return
    if (source.kind === 'palette') insert(source.type, place)
    else dispatch({ type: 'field/move', form: form.key, field: source.key, place })
  }
  const draggingSource = dragging ? readSource(dragging) : null
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragging(null)}
    >
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: '220px minmax(0, 1fr) 380px',
          gap: 12,
          alignItems: 'start',
        }}
      >
        <Card size="small" styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflow: 'auto' } }}>
          <FieldPalette onAppend={append} />
        </Card>
        <Card size="small" styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflow: 'auto' } }}>
          <CanvasPane formKey={formKey} mode={mode} />
        </Card>
        <Card size="small" styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflow: 'auto' } }}>
          <PropertyPane formKey={formKey} />
        </Card>
      </div>
      <DragOverlay dropAnimation={null}>
        {draggingSource?.kind === 'palette' && (
          <Button type="primary">{t(typeLabelKey(draggingSource.type))}</Button>
        )}
        {draggingSource?.kind === 'field' && <Button>{draggingSource.key}</Button>}
      </DragOverlay>
    </DndContext>
  )
})
