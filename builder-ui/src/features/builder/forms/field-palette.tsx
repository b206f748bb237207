import { useDraggable } from '@dnd-kit/core'
import { FIELD_TYPES, type FieldType } from '@tessera/schemas'
import { Button, Flex, Input, Typography } from 'antd'
import { memo, useState } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { typeLabelKey } from '../common/type-label.js'
import { paletteId } from './drag-ids.js'

/** Every field type, searchable in both languages and by type id; drag one, or click / Enter to append. */
export const FieldPalette = memo(function FieldPalette({
  onAppend,
}: {
  onAppend: (type: FieldType) => void
}) {
  const { t } = useT()
  const [query, setQuery] = useState('')
  const needle = query.trim().toLowerCase()
  const types = FIELD_TYPES.filter(
    (type) => !needle || type.includes(needle) || t(typeLabelKey(type)).toLowerCase().includes(needle),
  )
  return (
    <Flex vertical gap={8}>
      <Typography.Text strong>{t('builder.palette.title')}</Typography.Text>
      <Input.Search
        allowClear
        aria-label={t('builder.palette.search')}
        placeholder={t('builder.palette.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('builder.palette.hint')}
      </Typography.Text>
      <Flex vertical gap={4} data-testid="builder-palette">
        {types.map((type) => (
          <PaletteItem key={type} type={type} label={t(typeLabelKey(type))} onAppend={onAppend} />
        ))}
      </Flex>
    </Flex>
  )
})

function PaletteItem({
  type,
  label,
  onAppend,
}: {
  type: FieldType
  label: string
  onAppend: (type: FieldType) => void
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: paletteId(type) })
  return (
    <Button
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      data-palette-type={type}
      block
      style={{
        justifyContent: 'flex-start',
        opacity: isDragging ? 0.5 : 1,
        cursor: 'grab',
        touchAction: 'none',
      }}
      onClick={() => onAppend(type)}
      onKeyDown={(e) => {
        // Enter appends; Space stays with dnd-kit's keyboard drag.
        if (e.key === 'Enter') {
          e.preventDefault()
          onAppend(type)
        } else listeners?.onKeyDown?.(e)
      }}
    >
      {label}
    </Button>
  )
}
