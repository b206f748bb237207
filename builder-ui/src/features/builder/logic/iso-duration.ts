/**
 * ISO 8601 durations as the SLA timer picker edits them: days, hours and minutes (weeks fold into
 * days). Years and months are refused: their length varies, so an SLA in months is ambiguous.
 */
export interface DurationParts {
  days: number
  hours: number
  minutes: number
}

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/

/** Parts of `PT24H`-style text, or `null` when the text is not a duration this picker can show. */
export function parseDuration(text: string): DurationParts | null {
  const match = DURATION.exec(text.trim())
  if (!match || text.trim() === 'P' || text.trim().endsWith('T')) return null
  const [, weeks, days, hours, minutes, seconds] = match
  if (seconds !== undefined && Number(seconds) % 60 !== 0) return null
  return normalize({
    days: Number(weeks ?? 0) * 7 + Number(days ?? 0),
    hours: Number(hours ?? 0),
    minutes: Number(minutes ?? 0) + Number(seconds ?? 0) / 60,
  })
}

/** The shortest ISO 8601 text for the parts; `PT0S` for zero (which the verifier rejects as a timer). */
export function formatDuration(parts: DurationParts): string {
  const { days, hours, minutes } = normalize(parts)
  const date = days > 0 ? `${days}D` : ''
  const time = `${hours > 0 ? `${hours}H` : ''}${minutes > 0 ? `${minutes}M` : ''}`
  if (!date && !time) return 'PT0S'
  return `P${date}${time ? `T${time}` : ''}`
}

/** Total minutes, to compare durations or compute when a timer fires. */
export function durationMinutes(parts: DurationParts): number {
  return parts.days * 1440 + parts.hours * 60 + parts.minutes
}

/** Carries 60 minutes into an hour but keeps hours as typed: "36 hours" is what an admin means by PT36H. */
function normalize(parts: DurationParts): DurationParts {
  const clean = (n: number) => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0)
  const minutes = clean(parts.minutes)
  return {
    days: clean(parts.days),
    hours: clean(parts.hours) + Math.floor(minutes / 60),
    minutes: minutes % 60,
  }
}
