import type { FieldDefinition } from '@tessera/schemas'
import { DatePicker, Input, InputNumber, Select } from 'antd'
import dayjs from 'dayjs'
import { useT } from '../../../i18n/i18n-context.js'

export type ScalarValue = string | number | boolean | string[] | undefined

export interface ValueInputProps {
  field: FieldDefinition | undefined
  value: ScalarValue
  onChange: (value: ScalarValue) => void
  /** a list of values (for "is one of"). */
  multiple?: boolean
  id?: string
  'aria-label'?: string
}

const DECIMAL = /^-?\d+(\.\d+)?$/

/**
 * A value picker fitting the field: its options for choices, a date picker for dates, a number
 * box for numbers. Money and percent stay decimal strings (DESIGN.md: never binary floats).
 */
export function ValueInput({ field, value, onChange, multiple, id, ...rest }: ValueInputProps) {
  const { t, label } = useT()
  const ariaLabel = rest['aria-label'] ?? t('builder.condition.value')
  const common = { id, 'aria-label': ariaLabel, style: { width: '100%', minWidth: 120 } }
  switch (field?.type) {
    case 'select':
    case 'radio':
    case 'multiselect': {
      const options = (field.options ?? []).map((o) => ({ value: o.value, label: label(o.label, o.value) }))
      if (multiple || (field.type === 'multiselect' && Array.isArray(value))) {
        return (
          <Select
            {...common}
            mode="multiple"
            value={Array.isArray(value) ? value : []}
            onChange={onChange}
            options={options}
          />
        )
      }
      return (
        <Select
          {...common}
          allowClear
          value={typeof value === 'string' ? value : undefined}
          onChange={(v) => onChange(v ?? undefined)}
          options={options}
        />
      )
    }
    case 'boolean':
      return (
        <Select
          {...common}
          allowClear
          value={typeof value === 'boolean' ? String(value) : undefined}
          onChange={(v) => onChange(v === undefined ? undefined : v === 'true')}
          options={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
        />
      )
    case 'number':
    case 'integer':
    case 'rating':
      return (
        <InputNumber
          {...common}
          precision={field.type === 'number' ? undefined : 0}
          value={
            typeof value === 'number'
              ? value
              : typeof value === 'string' && DECIMAL.test(value)
                ? Number(value)
                : null
          }
          onChange={(v) => onChange(v === null ? undefined : Number(v))}
        />
      )
    case 'money':
    case 'percent':
    case 'formula':
      return (
        <Input
          {...common}
          inputMode="decimal"
          status={typeof value === 'string' && value !== '' && !DECIMAL.test(value) ? 'error' : undefined}
          value={value === undefined ? '' : String(value)}
          onChange={(e) => onChange(e.target.value.trim() === '' ? undefined : e.target.value.trim())}
        />
      )
    case 'date':
      return (
        <DatePicker
          {...common}
          value={typeof value === 'string' && dayjs(value).isValid() ? dayjs(value) : null}
          onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)}
        />
      )
    case 'datetime':
      return (
        <DatePicker
          {...common}
          showTime
          value={typeof value === 'string' && dayjs(value).isValid() ? dayjs(value) : null}
          onChange={(d) => onChange(d ? d.toISOString() : undefined)}
        />
      )
    default:
      if (multiple) {
        return (
          <Select {...common} mode="tags" value={Array.isArray(value) ? value : []} onChange={onChange} />
        )
      }
      return (
        <Input
          {...common}
          value={value === undefined ? '' : String(value)}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
      )
  }
}
