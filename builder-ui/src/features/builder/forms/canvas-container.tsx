import { useDroppable } from '@dnd-kit/core'
import { rectSortingStrategy, SortableContext } from '@dnd-kit/sortable'
import type { FieldDefinition } from '@tessera/schemas'
import { Typography } from 'antd'
import { memo, type ReactNode, useMemo } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { containerId, fieldId } from './drag-ids.js'
import { FieldCard } from './field-card.js'

interface CanvasContainerProps {
  section: number | null
  columns: number
  fields: FieldDefinition[]
  header: ReactNode
  selectedKey: string | null
  problemsByField: Map<string, number>
  onSelect: (key: string) => void
  onDuplicate: (key: string) => void
  onRemove: (key: string) => void
  onMove: (key: string, delta: -1 | 1) => void
}

/** A drop zone holding a grid of sortable field cards: one layout section, or the fields after them. */
export const CanvasContainer = memo(function CanvasContainer(props: CanvasContainerProps) {
  const { section, columns, fields, header, selectedKey, problemsByField, ...handlers } = props
  const { t } = useT()
  const { setNodeRef, isOver } = useDroppable({ id: containerId(section) })
  // dnd-kit re-renders every sortable card when the id list changes identity; keep it while the keys are the same.
  const signature = fields.map((f) => f.key).join('\u0000')
  // biome-ignore lint/correctness/useExhaustiveDependencies: the signature is the list's content
  const items = useMemo(() => fields.map((f) => fieldId(f.key)), [signature])
  return (
    // The whole box is the drop zone, padding included: a drop below the last card lands at the end.
    <div
      ref={setNodeRef}
      data-container={section ?? 'rest'}
      style={{
        border: `1px dashed ${isOver ? '#3056d3' : '#c9cdd4'}`,
        background: isOver ? '#f0f5ff' : '#fafafa',
        borderRadius: 8,
        padding: 8,
      }}
    >
      {header}
      <SortableContext items={items} strategy={rectSortingStrategy}>
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: `repeat(${Math.max(1, columns)}, minmax(0, 1fr))`,
            gap: 8,
            minHeight: 56,
          }}
        >
          {fields.map((field) => (
            <FieldCard
              key={field.key}
              field={field}
              selected={field.key === selectedKey}
              problemCount={problemsByField.get(field.key) ?? 0}
              {...handlers}
            />
          ))}
          {fields.length === 0 && (
            <Typography.Text type="secondary" style={{ alignSelf: 'center', padding: 12 }}>
              {t('builder.canvas.dropHere')}
            </Typography.Text>
          )}
        </div>
      </SortableContext>
    </div>
  )
})
