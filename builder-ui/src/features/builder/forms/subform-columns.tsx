import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { FIELD_TYPES, type FieldDefinition, type FieldType } from '@tessera/schemas'
import { Button, Checkbox, Flex, Input, Select } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { bothLanguages } from '../common/both-languages.js'
import { labelParts, toLabel } from '../common/label-input.js'
import { typeLabelKey } from '../common/type-label.js'
import { keyFromLabel } from '../logic/key-from-label.js'
import { newField } from './new-field.js'

// A sub-table cell holds one scalar: no nested tables, files or server-computed serials.
const COLUMN_TYPES = FIELD_TYPES.filter(
  (type) => !['subform', 'serial', 'file', 'image', 'address', 'lookup', 'rollup'].includes(type),
)

/** A sub-table's columns: label, key, type, required. */
export function SubformColumns({
  value,
  onChange,
}: {
  value: FieldDefinition[]
  onChange: (fields: FieldDefinition[], coalesce?: string) => void
}) {
  const { t } = useT()
  const set = (index: number, column: FieldDefinition, coalesce?: string) =>
    onChange(
      value.map((c, i) => (i === index ? column : c)),
      coalesce,
    )
  return (
    <Flex vertical gap={4} data-testid="builder-subform-columns">
      {value.map((column, index) => {
        const others = value.filter((_, i) => i !== index).map((c) => c.key)
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the key is being edited; a React key from it would remount the input mid-typing
          <Flex key={index} gap={4} align="center" wrap>
            <Input
              size="small"
              style={{ width: 110 }}
              aria-label={t('builder.common.labelEn')}
              placeholder={t('builder.common.labelEn')}
              value={labelParts(column.label).en}
              onChange={(e) => {
                const label = toLabel(labelParts(column.label).zh, e.target.value, column.label)
                const follows = column.key === keyFromLabel(column.label, others, column.type)
                set(
                  index,
                  { ...column, label, ...(follows && { key: keyFromLabel(label, others, column.type) }) },
                  `col-en:${index}`,
                )
              }}
            />
            <Input
              size="small"
              style={{ width: 90 }}
              aria-label={t('builder.common.labelZh')}
              placeholder={t('builder.common.labelZh')}
              value={labelParts(column.label).zh}
              onChange={(e) =>
                set(
                  index,
                  { ...column, label: toLabel(e.target.value, labelParts(column.label).en, column.label) },
                  `col-zh:${index}`,
                )
              }
            />
            <Input
              size="small"
              style={{ width: 90 }}
              aria-label={t('builder.common.key')}
              value={column.key}
              status={others.includes(column.key) ? 'error' : undefined}
              onChange={(e) => set(index, { ...column, key: e.target.value }, `col-key:${index}`)}
            />
            <Select<FieldType>
              size="small"
              style={{ width: 110 }}
              aria-label={t('builder.field.type')}
              value={column.type}
              onChange={(type) =>
                set(index, { ...newField(type, column.label ?? '', others), key: column.key })
              }
              options={COLUMN_TYPES.map((type) => ({ value: type, label: t(typeLabelKey(type)) }))}
            />
            <Checkbox
              checked={!!column.required}
              onChange={(e) => set(index, { ...column, required: e.target.checked || undefined })}
            >
              {t('builder.field.required')}
            </Checkbox>
            <Button
              size="small"
              type="text"
              danger
              aria-label={t('builder.common.remove')}
              icon={<DeleteOutlined />}
              onClick={() => onChange(value.filter((_, i) => i !== index))}
            />
          </Flex>
        )
      })}
      <Button
        size="small"
        icon={<PlusOutlined />}
        style={{ alignSelf: 'flex-start' }}
        onClick={() =>
          onChange([
            ...value,
            newField(
              'text',
              bothLanguages('builder.type.text'),
              value.map((c) => c.key),
            ),
          ])
        }
      >
        {t('builder.field.addColumn')}
      </Button>
    </Flex>
  )
}
