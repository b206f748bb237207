/** A span of milliseconds as the largest one or two units: "2 d 3 h", "45 min" (Intl unit names). */
export function humanDuration(ms: number, lang: string): string {
  const minutes = Math.floor(ms / 60_000)
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const mins = minutes % 60
  const fmt = (n: number, unit: 'day' | 'hour' | 'minute') =>
    new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short' }).format(n)
  if (days > 0) return hours > 0 ? `${fmt(days, 'day')} ${fmt(hours, 'hour')}` : fmt(days, 'day')
  if (hours > 0) return mins > 0 ? `${fmt(hours, 'hour')} ${fmt(mins, 'minute')}` : fmt(hours, 'hour')
  return fmt(Math.max(mins, 0), 'minute')
}
