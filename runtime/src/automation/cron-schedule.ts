import { type CronSpec, cronDayMatches } from '@tessera/schemas'
import { DateTime } from 'luxon'

/**
 * Cron slots as instants, read on the wall clock of the app's time zone. A local time that a DST
 * change skips (02:30 on a spring-forward night) fires when the clock jumps past it (03:30 local);
 * a local time that repeats (01:30 on a fall-back night) fires once, at its first occurrence.
 */

/** Four years and a day: long enough for `0 0 29 2 *`. */
const HORIZON_DAYS = 1462

function slotsOfDay(spec: CronSpec, day: DateTime): DateTime[] {
  if (!cronDayMatches(spec, day.day, day.month, day.weekday % 7)) return []
  const out: DateTime[] = []
  for (const hour of spec.hours)
    for (const minute of spec.minutes) {
      // luxon moves a time inside a DST gap forward by the gap, and picks the later of two repeats
      const at = DateTime.fromObject(
        { year: day.year, month: day.month, day: day.day, hour, minute },
        { zone: day.zone },
      )
      if (at.isValid) out.push(firstOccurrence(at, hour, minute))
    }
  return out.sort((a, b) => a.toMillis() - b.toMillis())
}

/** On a fall-back night the same wall time exists under the earlier offset too: take that one. */
function firstOccurrence(at: DateTime, hour: number, minute: number): DateTime {
  const before = at.minus({ hours: 3 }).offset
  if (before === at.offset) return at
  const wall = Date.UTC(at.year, at.month - 1, at.day, hour, minute)
  const alt = DateTime.fromMillis(wall - before * 60_000, { zone: at.zone })
  return alt.hour === hour && alt.minute === minute && alt < at ? alt : at
}

/** The latest slot in (after, now], or null. Missed slots collapse into this one (a catch-up runs once). */
export function latestSlot(spec: CronSpec, zone: string, now: Date, after: Date): Date | null {
  const end = now.getTime()
  const start = after.getTime()
  let day = DateTime.fromJSDate(now, { zone }).startOf('day')
  for (let i = 0; i < HORIZON_DAYS; i++, day = day.minus({ days: 1 })) {
    // the day after the next one back ends before `after`: nothing earlier can qualify
    if (day.plus({ days: 1 }).toMillis() <= start) return null
    const slots = slotsOfDay(spec, day)
    for (let j = slots.length - 1; j >= 0; j--) {
      const t = (slots[j] as DateTime).toMillis()
      if (t <= end && t > start) return new Date(t)
    }
  }
  return null
}

/** The first slot strictly after `after`, or null when the expression never matches (`0 0 31 2 *`). */
export function nextSlot(spec: CronSpec, zone: string, after: Date): Date | null {
  const start = after.getTime()
  let day = DateTime.fromJSDate(after, { zone }).startOf('day')
  for (let i = 0; i < HORIZON_DAYS; i++, day = day.plus({ days: 1 }))
    for (const slot of slotsOfDay(spec, day)) if (slot.toMillis() > start) return slot.toJSDate()
  return null
}
