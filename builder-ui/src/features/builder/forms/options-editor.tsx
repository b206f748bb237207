import { PlusOutlined } from '@ant-design/icons'
import type { FieldOption } from '@tessera/schemas'
import { Button, Flex, Input, Popover, Space, Typography } from 'antd'
import { useState } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { labelParts, toLabel } from '../common/label-input.js'
import { ItemControls } from '../common/item-controls.js'
import { uniqueKey } from '../logic/key-from-label.js'
import { withPastedOptions } from './options-import.js'

/** A choice field's options: value and label in both languages, reorder, import from pasted lines. */
export function OptionsEditor({
  value,
  onChange,
}: {
  value: FieldOption[]
  onChange: (options: FieldOption[], coalesce?: string) => void
}) {
  const { t } = useT()
  const [pasted, setPasted] = useState('')
  const [open, setOpen] = useState(false)
  const set = (index: number, option: FieldOption, coalesce: string) =>
    onChange(
      value.map((o, i) => (i === index ? option : o)),
      coalesce,
    )
  return (
    <Flex vertical gap={4} data-testid="builder-options">
      {value.map((option, index) => {
        const { zh, en } = labelParts(option.label)
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the value is being edited; a key from it would remount the input mid-typing
          <Flex key={index} gap={4} align="center">
            <Input
              size="small"
              aria-label={t('builder.field.optionValue')}
              placeholder={t('builder.field.optionValue')}
              value={option.value}
              style={{ width: 90 }}
              status={
                value.filter((o) => o.value === option.value).length > 1 || !option.value
                  ? 'error'
                  : undefined
              }
              onChange={(e) => set(index, { ...option, value: e.target.value }, `option-value:${index}`)}
            />
            <Input
              size="small"
              aria-label={t('builder.common.labelZh')}
              placeholder={t('builder.common.labelZh')}
              value={zh}
              onChange={(e) =>
                set(index, withLabel(option, toLabel(e.target.value, en, option.label)), `option-zh:${index}`)
              }
            />
            <Input
              size="small"
              aria-label={t('builder.common.labelEn')}
              placeholder={t('builder.common.labelEn')}
              value={en}
              onChange={(e) =>
                set(index, withLabel(option, toLabel(zh, e.target.value, option.label)), `option-en:${index}`)
              }
            />
            <ItemControls items={value} index={index} onChange={onChange} />
          </Flex>
        )
      })}
      <Space>
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => {
            const key = uniqueKey(
              `option_${value.length + 1}`,
              value.map((o) => o.value),
            )
            onChange([...value, { value: key, label: { en: key.replace('_', ' ') } }])
          }}
        >
          {t('builder.field.addOption')}
        </Button>
        <Popover
          open={open}
          onOpenChange={setOpen}
          trigger="click"
          content={
            <Flex vertical gap={6} style={{ width: 280 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('builder.field.importOptionsHelp')}
              </Typography.Text>
              <Input.TextArea
                data-native-undo
                rows={6}
                value={pasted}
                onChange={(e) => setPasted(e.target.value)}
              />
              <Button
                type="primary"
                size="small"
                disabled={!pasted.trim()}
                onClick={() => {
                  onChange(withPastedOptions(pasted, value))
                  setPasted('')
                  setOpen(false)
                }}
              >
                {t('builder.common.apply')}
              </Button>
            </Flex>
          }
        >
          <Button size="small">{t('builder.field.importOptions')}</Button>
        </Popover>
      </Space>
    </Flex>
  )
}

function withLabel(option: FieldOption, label: FieldOption['label']): FieldOption {
  return label === undefined ? { value: option.value } : { value: option.value, label }
}
