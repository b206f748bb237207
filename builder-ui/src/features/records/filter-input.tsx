import type { FieldDefinition } from '@tessera/schemas'
import { DatePicker, Input, InputNumber, Select, Space } from 'antd'
import dayjs from 'dayjs'
import { useT } from '../../i18n/i18n-context.js'
import { useMembers } from '../apps/app-queries.js'
import { type ColumnFilter, filterKindFor } from './list-filter.js'

interface FilterInputProps {
  field: FieldDefinition
  filter: ColumnFilter | undefined
  onChange: (f: ColumnFilter | undefined) => void
  app?: string
}

/** The filter control that fits a field: contains-text, a from/to range, an option list, yes/no. */
export function FilterInput({ field, filter, onChange, app }: FilterInputProps) {
  const { t, label } = useT()
  const members = useMembers(field.type === 'user' ? (app ?? '') : '')
  const kind = filterKindFor(field.type)
  const name = label(field.label, field.key)
  if (kind === 'text')
    return (
      <Input
        aria-label={`${name} ${t('records.filter.contains')}`}
        placeholder={t('records.filter.contains')}
        allowClear
        value={filter?.kind === 'text' ? filter.contains : ''}
        onChange={(e) => onChange(e.target.value ? { kind: 'text', contains: e.target.value } : undefined)}
      />
    )
  if (kind === 'in') {
    const options =
      field.type === 'user'
        ? (members.data ?? []).map((m) => ({ value: m.userId, label: m.name }))
        : (field.options ?? []).map((o) => ({ value: o.value, label: label(o.label, o.value) }))
    return (
      <Select
        aria-label={name}
        mode="multiple"
        allowClear
        style={{ minWidth: 200 }}
        value={filter?.kind === 'in' ? filter.values : []}
        options={options}
        onChange={(values: string[]) => onChange(values.length ? { kind: 'in', values } : undefined)}
      />
    )
  }
  if (kind === 'bool')
    return (
      <Select
        aria-label={name}
        allowClear
        style={{ minWidth: 120 }}
        value={filter?.kind === 'bool' ? String(filter.value) : undefined}
        options={[
          { value: 'true', label: t('common.yes') },
          { value: 'false', label: t('common.no') },
        ]}
        onChange={(v: string | undefined) =>
          onChange(v === undefined ? undefined : { kind: 'bool', value: v === 'true' })
        }
      />
    )
  const range = filter?.kind === 'range' ? filter : { kind: 'range' as const }
  const set = (part: 'from' | 'to', v: string | number | undefined) => {
    const next = { ...range, [part]: v }
    onChange(next.from === undefined && next.to === undefined ? undefined : next)
  }
  if (field.type === 'date' || field.type === 'datetime')
    return (
      <Space>
        {(['from', 'to'] as const).map((p) => (
          <DatePicker
            key={p}
            aria-label={`${name} ${t(p === 'from' ? 'records.filter.from' : 'records.filter.to')}`}
            placeholder={t(p === 'from' ? 'records.filter.from' : 'records.filter.to')}
            value={range[p] ? dayjs(String(range[p])) : null}
            onChange={(d) => set(p, d ? d.format('YYYY-MM-DD') : undefined)}
          />
        ))}
      </Space>
    )
  return (
    <Space>
      {(['from', 'to'] as const).map((p) => (
        <InputNumber<string>
          key={p}
          stringMode
          aria-label={`${name} ${t(p === 'from' ? 'records.filter.from' : 'records.filter.to')}`}
          placeholder={t(p === 'from' ? 'records.filter.from' : 'records.filter.to')}
          value={range[p] !== undefined ? String(range[p]) : null}
          onChange={(v) => set(p, v === null || v === '' ? undefined : v)}
        />
      ))}
    </Space>
  )
}
