import { HolderOutlined } from '@ant-design/icons'
import { useSortable } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import type { FieldDefinition } from '@tessera/schemas'
import { memo } from 'react'
import { fieldId } from './drag-ids.js'
import { FieldCardBody } from './field-card-body.js'

interface FieldCardProps {
  field: FieldDefinition
  selected: boolean
  problemCount: number
  onSelect: (key: string) => void
  onDuplicate: (key: string) => void
  onRemove: (key: string) => void
  onMove: (key: string, delta: -1 | 1) => void
}

// One element for every card: React skips an element it has already rendered in this place.
const HANDLE_ICON = <HolderOutlined />

/**
 * One field on the canvas: drag to reorder, click to edit; Delete, Ctrl+D and Alt+↑/↓ when focused.
 * This shell holds only what dnd-kit re-renders (plain elements); the body is memoised apart.
 */
export const FieldCard = memo(function FieldCard(props: FieldCardProps) {
  const { field, selected, problemCount, onSelect, onDuplicate, onRemove, onMove } = props
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: fieldId(field.key),
  })
  return (
    // biome-ignore lint/a11y/useSemanticElements: the card holds its own buttons, and a <button> may not contain buttons
    <div
      ref={setNodeRef}
      {...attributes}
      role="button"
      tabIndex={0}
      data-field-key={field.key}
      aria-pressed={selected}
      onClick={() => onSelect(field.key)}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return
        if (e.key === 'Delete' || e.key === 'Backspace') onRemove(field.key)
        else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'd') {
          e.preventDefault()
          onDuplicate(field.key)
        } else if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
          e.preventDefault()
          onMove(field.key, e.key === 'ArrowUp' ? -1 : 1)
        } else if (e.key === 'Enter') onSelect(field.key)
        else listeners?.onKeyDown?.(e)
      }}
      style={{
        transform: CSS.Translate.toString(transform),
        transition,
        opacity: isDragging ? 0.4 : 1,
        border: `1px solid ${selected ? '#3056d3' : problemCount ? '#fa541c' : '#d9d9d9'}`,
        boxShadow: selected ? '0 0 0 2px rgba(48,86,211,0.2)' : undefined,
        borderRadius: 6,
        background: '#fff',
        padding: '6px 8px',
        cursor: 'pointer',
        // Off-screen cards skip style, layout and paint: a 300-field form costs what the visible part does.
        contentVisibility: 'auto',
        containIntrinsicSize: 'auto 58px',
      }}
    >
      <div className="field-card-row">
        <span {...listeners} className="field-card-handle" data-drag-handle>
          {HANDLE_ICON}
        </span>
        <FieldCardBody
          field={field}
          problemCount={problemCount}
          onDuplicate={onDuplicate}
          onRemove={onRemove}
        />
      </div>
    </div>
  )
})
