import { Select } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { useMembers } from '../../apps/app-queries.js'
import type { WidgetProps } from './widget-props.js'

/** Members of the app, searchable by name or email; several when the field is `multiple`. */
export function UserPicker({ field, value, onChange, app, invalid, id }: WidgetProps<string | string[]>) {
  const { t } = useT()
  const members = useMembers(app ?? '')
  const options = (members.data ?? []).map((m) => ({
    value: m.userId,
    label: m.email ? `${m.name} <${m.email}>` : m.name,
  }))
  return (
    <Select
      id={id}
      mode={field.multiple ? 'multiple' : undefined}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={members.isPending && app !== undefined}
      placeholder={t('form.selectMember')}
      status={invalid ? 'error' : undefined}
      style={{ width: '100%' }}
      value={value}
      options={options}
      onChange={(v: string | string[] | undefined) =>
        onChange(v === undefined || (Array.isArray(v) && v.length === 0) ? undefined : v)
      }
    />
  )
}
