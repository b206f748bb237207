import { useQueries, useQuery } from '@tanstack/react-query'
import { type FormDefinition, recordTitle as titleOf } from '@tessera/schemas'
import { Select } from 'antd'
import { useState } from 'react'
import { api } from '../../../api/api.js'
import type { RecordView } from '../../../api/wire-types.js'
import { useT } from '../../../i18n/i18n-context.js'
import { useForm } from '../../apps/app-queries.js'
import { useDebounced } from './use-debounced.js'
import type { WidgetProps } from './widget-props.js'

/**
 * The title of a target record: its display field, else what names it in a list (its first text:
 * a lead without a lead number by its name), else its id.
 */
export const recordTitle = (r: RecordView, display: string | undefined, form?: FormDefinition) => {
  const v = display ? r.data[display] : undefined
  if ((typeof v === 'string' && v.trim() !== '') || typeof v === 'number') return String(v)
  return titleOf(form, r.data) ?? r.id
}

/** Searches the target form's records on the server (pg_trgm), so it works on 100k of them. */
export function RelationPicker({ field, value, onChange, app, invalid, id }: WidgetProps<string | string[]>) {
  const { t, label } = useT()
  const [search, setSearch] = useState('')
  const q = useDebounced(search, 250)
  const target = useForm(app ?? '', field.target ?? '')
  const found = useQuery({
    queryKey: ['records', app, field.target, { q, limit: 20 }],
    queryFn: () => api.list(app!, field.target!, { q: q || undefined, limit: 20 }),
    enabled: Boolean(app && field.target),
  })
  const selected = (Array.isArray(value) ? value : value ? [value] : []).filter(
    (v) => !found.data?.items.some((r) => r.id === v),
  )
  const selectedRecords = useQueries({
    queries: selected.map((rid) => ({ queryKey: ['record', rid], queryFn: () => api.record(rid) })),
  })
  const records = [...(found.data?.items ?? []), ...selectedRecords.flatMap((s) => (s.data ? [s.data] : []))]
  return (
    <Select
      id={id}
      mode={field.multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      loading={found.isFetching}
      status={invalid ? 'error' : undefined}
      placeholder={t('form.searchRecords', { form: label(target.form?.title, field.target) })}
      style={{ width: '100%' }}
      value={value}
      options={records.map((r) => ({ value: r.id, label: recordTitle(r, field.display, target.form) }))}
      onChange={(v: string | string[] | undefined) =>
        onChange(v === undefined || (Array.isArray(v) && v.length === 0) ? undefined : v)
      }
    />
  )
}
