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
  // antd's preset tag colours fall under 4.5:1 contrast; these keep the text dark on a light tint
  const tone = ms < 0 ? TONES.overdue : ms < 3_600_000 ? TONES.soon : TONES.later
  return (
    <Tag className={ms < 0 ? 'due-overdue' : undefined} style={tone}>
      {ms < 0 ? t('records.overdueBy', { time }) : t('records.dueIn', { time })}
    </Tag>
  )
}

const TONES = {
  overdue: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  soon: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  later: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
}
