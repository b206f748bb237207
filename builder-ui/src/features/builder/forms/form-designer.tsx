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
import type { FieldType } from '@tessera/schemas'
import { Button, Card, Empty, Flex, Segmented } from 'antd'
import { useState } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { bothLanguages } from '../common/both-languages.js'
import { typeLabelKey } from '../common/type-label.js'
import { useDraft } from '../draft/draft-context.js'
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

/** Forms tab: palette, canvas and property panel, with a live preview of the form being built. */
export function FormDesigner() {
  const { t } = useT()
  const { draft, dispatch } = useDraft()
  const { selection, select } = useSelection()
  const [mode, setMode] = useState<'design' | 'preview'>('design')
  const [dragging, setDragging] = useState<string | null>(null)
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  )
  const selectedForm = 'form' in selection ? selection.form : undefined
  const form = draft.forms.find((f) => f.key === selectedForm) ?? draft.forms[0]
  if (!form) {
    return (
      <Card>
        <Empty description={t('builder.form.none')}>
          <FormPicker form={undefined} />
        </Empty>
      </Card>
    )
  }

  const insert = (type: FieldType, place?: FieldPlace) => {
    // A new field is labelled with its type's name in both languages; its key follows the label.
    const field = newField(
      type,
      bothLanguages(typeLabelKey(type)),
      form.fields.map((f) => f.key),
    )
    dispatch({ type: 'field/insert', form: form.key, field, ...(place && { place }) })
    select({ kind: 'field', form: form.key, field: field.key })
  }
  const onDragStart = (event: DragStartEvent) => setDragging(String(event.active.id))
  const onDragEnd = (event: DragEndEvent) => {
    setDragging(null)
    if (!event.over) return
    const place = dropPlace(form, event.active.id, event.over.id)
    const source = readSource(event.active.id)
    if (!place || !source) return
    if (source.kind === 'palette') insert(source.type, place)
    else dispatch({ type: 'field/move', form: form.key, field: source.key, place })
  }
  const draggingSource = dragging ? readSource(dragging) : null

  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <FormPicker form={form} />
        <Segmented
          value={mode}
          onChange={(value) => setMode(value as 'design' | 'preview')}
          options={[
            { value: 'design', label: t('builder.form.design') },
            { value: 'preview', label: t('builder.form.preview') },
          ]}
        />
      </Flex>
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
            <FieldPalette onAppend={(type) => insert(type)} />
          </Card>
          <Card size="small" styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflow: 'auto' } }}>
            {mode === 'design' ? <FormCanvas form={form} /> : <FormPreview form={form} />}
          </Card>
          <Card size="small" styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflow: 'auto' } }}>
            <PropertyPanel form={form} />
          </Card>
        </div>
        <DragOverlay dropAnimation={null}>
          {draggingSource?.kind === 'palette' && (
            <Button type="primary">{t(typeLabelKey(draggingSource.type))}</Button>
          )}
          {draggingSource?.kind === 'field' && <Button>{draggingSource.key}</Button>}
        </DragOverlay>
      </DndContext>
    </Flex>
  )
}
