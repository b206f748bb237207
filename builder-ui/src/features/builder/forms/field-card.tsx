import { CopyOutlined, DeleteOutlined, HolderOutlined } from '@ant-design/icons'
import { useSortable } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import type { FieldDefinition } from '@tessera/schemas'
import { Button, Flex, Space, Tag, Typography } from 'antd'
import { memo } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { typeLabelKey } from '../common/type-label.js'
import { fieldId } from './drag-ids.js'

interface FieldCardProps {
  field: FieldDefinition
  selected: boolean
  problemCount: number
  onSelect: (key: string) => void
  onDuplicate: (key: string) => void
  onRemove: (key: string) => void
  onMove: (key: string, delta: -1 | 1) => void
}

/** One field on the canvas: drag to reorder, click to edit; Delete, Ctrl+D and Alt+↑/↓ when focused. */
export const FieldCard = memo(function FieldCard(props: FieldCardProps) {
  const { field, selected, problemCount, onSelect, onDuplicate, onRemove, onMove } = props
  const { t, label } = useT()
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: fieldId(field.key),
  })
  const conditional = field.visibleWhen !== undefined || field.requiredWhen !== undefined
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
      <Flex align="center" gap={6}>
        <span {...listeners} style={{ cursor: 'grab', touchAction: 'none' }} data-drag-handle>
          <HolderOutlined />
        </span>
        <Flex vertical style={{ flex: 1, minWidth: 0 }}>
          {/* CSS ellipsis, not Typography's measuring one: a ResizeObserver per card on 300 cards */}
          <span
            style={{ fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
          >
            {label(field.label, field.key)}
            {field.required && <span style={{ color: '#ff4d4f' }}> *</span>}
          </span>
          <Space size={4} wrap>
            <Tag style={{ marginInlineEnd: 0 }}>{t(typeLabelKey(field.type))}</Tag>
            <Typography.Text type="secondary" code style={{ fontSize: 11 }}>
              {field.key}
            </Typography.Text>
            {conditional && <Tag color="purple">{t('builder.field.conditions')}</Tag>}
            {problemCount > 0 && <Tag color="volcano">{problemCount}</Tag>}
          </Space>
        </Flex>
        {/* a native title, not antd's Tooltip: two tooltips on each of 300 cards cost more than the card */}
        <Button
          size="small"
          type="text"
          title={t('builder.field.duplicate')}
          aria-label={t('builder.field.duplicate')}
          icon={<CopyOutlined />}
          onClick={(e) => {
            e.stopPropagation()
            onDuplicate(field.key)
          }}
        />
        <Button
          size="small"
          type="text"
          danger
          title={t('builder.field.delete')}
          aria-label={t('builder.field.delete')}
          icon={<DeleteOutlined />}
          onClick={(e) => {
            e.stopPropagation()
            onRemove(field.key)
          }}
        />
      </Flex>
    </div>
  )
})
