import type { FieldDefinition, JsonLogic } from '@tessera/schemas'
import { Flex, Select } from 'antd'
import { useState } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { JsonEditor } from '../common/json-editor.js'
import { ValueInput } from '../common/value-input.js'

type Mode = 'field' | 'literal' | 'now' | 'json'

function modeOf(value: JsonLogic | undefined): Mode {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    if ('var' in value && typeof value.var === 'string') return 'field'
    if ('now' in value) return 'now'
    return 'json'
  }
  return Array.isArray(value) ? 'json' : 'literal'
}

interface ExpressionInputProps {
  value: JsonLogic | undefined
  onChange: (value: JsonLogic | undefined) => void
  /** fields a `{"var"}` may read */
  sources: FieldDefinition[]
  /** the field the value goes into, to pick a fitting literal input */
  target?: FieldDefinition
}

/** A value for an action: another field, a literal, the current time, or JSON Logic. */
export function ExpressionInput({ value, onChange, sources, target }: ExpressionInputProps) {
  const { t, label } = useT()
  const [mode, setMode] = useState<Mode>(modeOf(value))
  const change = (next: Mode) => {
    setMode(next)
    if (next === 'now') onChange({ now: [] })
    else if (next === 'field') onChange(sources[0] ? { var: sources[0].key } : undefined)
    else if (next === 'literal') onChange(undefined)
  }
  return (
    <Flex gap={4} style={{ flex: 1, minWidth: 0 }} wrap>
      <Select<Mode>
        size="small"
        style={{ width: 90 }}
        value={mode}
        onChange={change}
        options={(['field', 'literal', 'now', 'json'] as const).map((m) => ({
          value: m,
          label: t(`builder.expr.${m}`),
        }))}
      />
      <div style={{ flex: 1, minWidth: 120 }}>
        {mode === 'field' && (
          <Select
            size="small"
            showSearch
            optionFilterProp="label"
            style={{ width: '100%' }}
            value={
              value && typeof value === 'object' && !Array.isArray(value) && typeof value.var === 'string'
                ? value.var
                : undefined
            }
            onChange={(key) => onChange({ var: key })}
            options={sources.map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
          />
        )}
        {mode === 'literal' && (
          <ValueInput
            field={target}
            value={
              typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
                ? value
                : undefined
            }
            onChange={(v) => onChange(Array.isArray(v) ? v : v)}
          />
        )}
        {mode === 'json' && (
          <JsonEditor value={value} rows={3} onApply={(v) => onChange(v as JsonLogic | undefined)} />
        )}
      </div>
    </Flex>
  )
}
