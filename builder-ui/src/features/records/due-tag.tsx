import { Tag } from 'antd'
import { useEffect, useState } from 'react'
import { useT } from '../../i18n/i18n-context.js'
import { humanDuration } from './human-duration.js'

/** SLA countdown: "due in 3 h", or red "overdue by 2 h"; ticks every minute. */
export function DueTag({ dueAt }: { dueAt?: string | null }) {
  const { t, lang } = useT()
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), 60_000)
    return () => clearInterval(h)
  }, [])
  if (!dueAt) return null
  const ms = Date.parse(dueAt) - now
  if (Number.isNaN(ms)) return null
  const time = humanDuration(Math.abs(ms), lang)
  return ms < 0 ? (
    <Tag color="red" className="due-overdue">
      {t('records.overdueBy', { time })}
    </Tag>
  ) : (
    <Tag color={ms < 3_600_000 ? 'orange' : 'blue'}>{t('records.dueIn', { time })}</Tag>
  )
}
