import { DatePicker } from 'antd'
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { useNarrowScreen } from '../../layout/use-narrow-screen.js'
import type { WidgetProps } from './widget-props.js'

dayjs.extend(utc)

/*
 * Dates travel as `YYYY-MM-DD`, datetimes as ISO 8601 in UTC (DESIGN.md); the picker shows local
 * time. On a phone the native picker is used: it is what thumbs know.
 */

export function DateInput({ field, value, onChange, invalid, id }: WidgetProps<string>) {
  const narrow = useNarrowScreen()
  const withTime = field.type === 'datetime'
  if (narrow) {
    const local = value ? (withTime ? dayjs(value).format('YYYY-MM-DDTHH:mm') : value) : ''
    return (
      <input
        id={id}
        className={`native-input${invalid ? ' native-input-error' : ''}`}
        type={withTime ? 'datetime-local' : 'date'}
        value={local}
        onChange={(e) => {
          const v = e.target.value
          if (!v) return onChange(undefined)
          onChange(withTime ? dayjs(v).utc().format('YYYY-MM-DDTHH:mm:ss[Z]') : v)
        }}
      />
    )
  }
  return (
    <DatePicker
      id={id}
      showTime={withTime ? { format: 'HH:mm' } : false}
      status={invalid ? 'error' : undefined}
      value={value ? dayjs(value) : null}
      onChange={(d) => {
        if (!d) return onChange(undefined)
        onChange(withTime ? d.utc().format('YYYY-MM-DDTHH:mm:ss[Z]') : d.format('YYYY-MM-DD'))
      }}
    />
  )
}
