import type { FieldDefinition, JsonLogic } from '@tessera/schemas'
import { Alert, Button, Flex, Segmented } from 'antd'
import { useMemo, useState } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { JsonEditor } from '../common/json-editor.js'
import { conditionFields, fromLogic, toLogic } from '../logic/condition-model.js'
import { ConditionGroupEditor } from './condition-group-editor.js'

export interface ConditionEditorProps {
  value: JsonLogic | undefined
  onChange: (value: JsonLogic | undefined) => void
  fields: FieldDefinition[]
  id?: string
}

/**
 * A condition as JSON Logic, edited visually (AND/OR groups of field-operator-value rules) or as
 * JSON. Logic the visual editor cannot show opens in JSON and is never rewritten by it.
 */
export function ConditionEditor({ value, onChange, fields, id }: ConditionEditorProps) {
  const { t } = useT()
  const tree = useMemo(() => fromLogic(value), [value])
  const [mode, setMode] = useState<'visual' | 'json'>(tree ? 'visual' : 'json')
  const usable = useMemo(() => conditionFields(fields), [fields])
  const shown = tree ? mode : 'json'
  return (
    <Flex vertical gap={6} id={id} data-condition-editor>
      <Flex justify="space-between">
        <Segmented
          size="small"
          value={shown}
          onChange={(v) => setMode(v as 'visual' | 'json')}
          options={[
            { value: 'visual', label: t('builder.condition.visual'), disabled: !tree },
            { value: 'json', label: t('builder.condition.json') },
          ]}
        />
        {value !== undefined && (
          <Button size="small" type="link" onClick={() => onChange(undefined)}>
            {t('builder.condition.clear')}
          </Button>
        )}
      </Flex>
      {!tree && <Alert type="info" showIcon message={t('builder.condition.tooComplex')} />}
      {shown === 'visual' && tree && (
        <ConditionGroupEditor
          group={tree}
          fields={usable}
          depth={0}
          onChange={(group) => onChange(toLogic(group))}
        />
      )}
      {shown === 'json' && (
        <JsonEditor value={value} rows={4} onApply={(v) => onChange(v as JsonLogic | undefined)} />
      )}
    </Flex>
  )
}
