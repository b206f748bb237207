/**
 * Formats an assigned serial number: `{YYYY}` `{YY}` `{MM}` `{DD}` from `date` (UTC unless a zone
 * is given), and a run of zeros `{000000}` as the number padded to that width (never cut: a
 * number wider than the pad is written in full). `LEAD-{YYYY}-{000000}`, 123 -> `LEAD-2026-000123`.
 */
export function formatSerial(format: string, n: number | bigint, date: Date, timeZone = 'UTC'): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  )
  const year = parts.year ?? String(date.getUTCFullYear())
  return format.replace(/\{(YYYY|YY|MM|DD|0+)\}/g, (_, token: string) => {
    if (token === 'YYYY') return year
    if (token === 'YY') return year.slice(-2)
    if (token === 'MM') return parts.month ?? ''
    if (token === 'DD') return parts.day ?? ''
    return String(n).padStart(token.length, '0')
  })
}
