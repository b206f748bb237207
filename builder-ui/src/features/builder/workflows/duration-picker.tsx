import { InputNumber, Space, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { formatDuration, parseDuration } from '../logic/iso-duration.js'

/** Days, hours and minutes, written as ISO 8601 (`P1DT4H`); shows the raw text when it cannot parse it. */
export function DurationPicker({
  value,
  onChange,
  id,
}: {
  value: string
  onChange: (iso: string) => void
  id?: string
}) {
  const { t } = useT()
  const parts = parseDuration(value) ?? { days: 0, hours: 0, minutes: 0 }
  const set = (patch: Partial<typeof parts>) => onChange(formatDuration({ ...parts, ...patch }))
  return (
    <Space size={4} wrap id={id} data-duration={value}>
      <InputNumber
        size="small"
        min={0}
        precision={0}
        style={{ width: 64 }}
        aria-label={t('builder.timer.days')}
        value={parts.days}
        onChange={(v) => set({ days: v ?? 0 })}
      />
      <span>{t('builder.timer.days')}</span>
      <InputNumber
        size="small"
        min={0}
        precision={0}
        style={{ width: 64 }}
        aria-label={t('builder.timer.hours')}
        value={parts.hours}
        onChange={(v) => set({ hours: v ?? 0 })}
      />
      <span>{t('builder.timer.hours')}</span>
      <InputNumber
        size="small"
        min={0}
        max={59}
        precision={0}
        style={{ width: 64 }}
        aria-label={t('builder.timer.minutes')}
        value={parts.minutes}
        onChange={(v) => set({ minutes: v ?? 0 })}
      />
      <span>{t('builder.timer.minutes')}</span>
      <Typography.Text code>{value}</Typography.Text>
    </Space>
  )
}
