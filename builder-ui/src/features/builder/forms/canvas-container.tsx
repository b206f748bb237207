import { useDroppable } from '@dnd-kit/core'
import { rectSortingStrategy, SortableContext } from '@dnd-kit/sortable'
import type { FieldDefinition, LayoutSection } from '@tessera/schemas'
import { Typography } from 'antd'
import { memo, useMemo } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { containerId, fieldId } from './drag-ids.js'
import { FieldCard } from './field-card.js'
import { SectionHeader } from './section-header.js'

interface CanvasContainerProps {
  form: string
  /** the layout section's index, or `null` for the fields after the sections. */
  section: number | null
  layout: LayoutSection | undefined
  /** the last section (it cannot move down) */
  last: boolean
  sectionSelected: boolean
  /** the caption of the fields after the sections, when there are sections */
  restCaption: boolean
  fields: FieldDefinition[]
  selectedKey: string | null
  problemsByField: Map<string, number>
  onSelect: (key: string) => void
  onDuplicate: (key: string) => void
  onRemove: (key: string) => void
  onMove: (key: string, delta: -1 | 1) => void
}

/**
 * A drop zone holding a grid of sortable field cards: one layout section, or the fields after them.
 * Memoised on plain props: a keystroke in one field re-renders only the container holding it.
 */
export const CanvasContainer = memo(function CanvasContainer(props: CanvasContainerProps) {
  const { form, section, layout, last, sectionSelected, restCaption, fields, selectedKey, problemsByField } =
    props
  const { onSelect, onDuplicate, onRemove, onMove } = props
  const handlers = { onSelect, onDuplicate, onRemove, onMove }
  const columns = section === null ? 1 : (layout?.columns ?? 1)
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
      {section !== null ? (
        <SectionHeader form={form} index={section} section={layout} last={last} selected={sectionSelected} />
      ) : (
        restCaption && (
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
            {t('builder.canvas.rest')}
          </Typography.Text>
        )
      )}
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
