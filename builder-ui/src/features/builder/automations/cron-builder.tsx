import { Alert, Button, Flex, Input, Typography } from 'antd'
import { useMemo } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import {
  CRON_PRESETS,
  type CronDescription,
  describeCron,
  formatRun,
  nextRuns,
  presetOf,
  weekdayNames,
} from './cron-preview.js'

/** A schedule: presets, the five cron fields, and the next run times in the app's zone. */
export function CronBuilder({
  value,
  onChange,
  zone,
}: {
  value: string
  onChange: (cron: string, coalesce?: string) => void
  zone: string
}) {
  const { t, lang } = useT()
  const preset = presetOf(value)
  const said = words(describeCron(value))
  // Recomputed per expression, not per render: a rare cron can walk a year of hours.
  const preview = useMemo(() => nextRuns(value, zone, new Date(), 3), [value, zone])
  function words(d: CronDescription | undefined): string | undefined {
    switch (d?.kind) {
      case 'hourly':
        return t('builder.automation.cron.say.hourly', { minute: d.minute })
      case 'daily':
        return t('builder.automation.cron.say.daily', { time: d.time })
      case 'weekly':
        return t('builder.automation.cron.say.weekly', { days: weekdayNames(d.days, lang), time: d.time })
      case 'monthly':
        return t('builder.automation.cron.say.monthly', { day: d.day, time: d.time })
      default:
        return undefined
    }
  }
  return (
    <Flex vertical gap={6} data-testid="builder-cron">
      <Flex gap={4} wrap>
        {CRON_PRESETS.map((p) => (
          <Button
            key={p.key}
            size="small"
            type={preset === p.key ? 'primary' : 'default'}
            onClick={() => onChange(p.cron)}
            data-testid={`builder-cron-preset-${p.key}`}
          >
            {t(`builder.automation.cron.${p.key}`)}
          </Button>
        ))}
      </Flex>
      <Input
        size="small"
        aria-label={t('builder.automation.cron.expression')}
        addonBefore={t('builder.automation.cron.expression')}
        value={value}
        status={preview.ok ? undefined : 'error'}
        onChange={(e) => onChange(e.target.value, 'cron')}
        data-testid="builder-cron-input"
      />
      <Typography.Text type="secondary">{t('builder.automation.cron.help')}</Typography.Text>
      {preview.ok ? (
        <div data-testid="builder-cron-preview">
          <Typography.Text>
            {said ? `${said} · ` : ''}
            {t('builder.automation.cron.next', { zone })}
          </Typography.Text>
          <ul style={{ margin: 0 }}>
            {preview.runs.map((run) => (
              <li key={run.getTime()}>{formatRun(run, zone, lang)}</li>
            ))}
            {preview.runs.length === 0 && <li>{t('builder.automation.cron.never')}</li>}
          </ul>
        </div>
      ) : (
        <Alert type="error" showIcon message={preview.message[lang === 'zh-CN' ? 'zh-CN' : 'en']} />
      )}
    </Flex>
  )
}
