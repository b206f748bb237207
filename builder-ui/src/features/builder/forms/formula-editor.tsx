import type { FieldDefinition, JsonLogic } from '@tessera/schemas'
import { Flex, Select, Typography } from 'antd'
import { useState } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { JsonEditor } from '../common/json-editor.js'
import { insertVar } from './insert-var.js'

/**
 * A formula as JSON Logic, with a field picker that inserts `{"var": key}` where the admin wants
 * it: appended as another argument of the top operator, or as the whole expression when empty.
 */
export function FormulaEditor({
  value,
  fields,
  onChange,
}: {
  value: JsonLogic | undefined
  fields: FieldDefinition[]
  onChange: (v: JsonLogic | undefined) => void
}) {
  const { t, label } = useT()
  const [picked, setPicked] = useState<string | undefined>()
  return (
    <Flex vertical gap={6}>
      <Select
        size="small"
        showSearch
        optionFilterProp="label"
        placeholder={t('builder.field.insertField')}
        aria-label={t('builder.field.insertField')}
        value={picked}
        onChange={(key) => {
          setPicked(undefined)
          onChange(insertVar(value, key))
        }}
        options={fields.map((f) => ({ value: f.key, label: `${label(f.label, f.key)} (${f.key})` }))}
      />
      <JsonEditor value={value} rows={5} onApply={(v) => onChange(v as JsonLogic | undefined)} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('builder.field.expressionHelp')}
      </Typography.Text>
    </Flex>
  )
}
