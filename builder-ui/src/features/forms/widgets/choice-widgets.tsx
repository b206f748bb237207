import { Radio, Rate, Select, Switch } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import type { WidgetProps } from './widget-props.js'

function useOptions(props: WidgetProps<unknown>) {
  const { label } = useT()
  return (props.field.options ?? []).map((o) => ({ value: o.value, label: label(o.label, o.value) }))
}

export function SelectInput(props: WidgetProps<string>) {
  const options = useOptions(props as WidgetProps<unknown>)
  return (
    <Select
      id={props.id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: '100%' }}
      status={props.invalid ? 'error' : undefined}
      placeholder={props.placeholder}
      value={props.value}
      options={options}
      onChange={(v: string | undefined) => props.onChange(v ?? undefined)}
    />
  )
}

export function MultiSelectInput(props: WidgetProps<string[]>) {
  const options = useOptions(props as WidgetProps<unknown>)
  return (
    <Select
      id={props.id}
      mode="multiple"
      allowClear
      style={{ width: '100%' }}
      status={props.invalid ? 'error' : undefined}
      placeholder={props.placeholder}
      value={props.value ?? []}
      options={options}
      onChange={(v: string[]) => props.onChange(v.length ? v : undefined)}
    />
  )
}

export function RadioInput(props: WidgetProps<string>) {
  const options = useOptions(props as WidgetProps<unknown>)
  return (
    <Radio.Group
      id={props.id}
      className="radio-group"
      value={props.value}
      options={options}
      onChange={(e) => props.onChange(e.target.value)}
    />
  )
}

/** Yes/no; `false` is a value of its own, not "never set" (C2). */
export function BooleanInput({ value, onChange, id }: WidgetProps<boolean>) {
  const { t } = useT()
  return (
    <Switch
      id={id}
      checked={value === true}
      checkedChildren={t('common.yes')}
      unCheckedChildren={t('common.no')}
      onChange={(c) => onChange(c)}
    />
  )
}

export function RatingInput({ value, onChange, id, field }: WidgetProps<number>) {
  const max = typeof field.max === 'number' ? field.max : Number(field.max ?? 5) || 5
  return <Rate id={id} count={max} value={value ?? 0} onChange={(v) => onChange(v === 0 ? undefined : v)} />
}
