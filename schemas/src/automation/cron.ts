import type { LocalizedMessage } from '../app-definition.js'
import { localized } from '../problems.js'

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week), parsed to the sets of
 * values each field allows. Pure: the runtime matches it against wall-clock time in the app's zone.
 * Supports `*`, lists, ranges, steps (`*\/15`, `1-5/2`), month and weekday names; 7 is Sunday too.
 */
export interface CronSpec {
  minutes: number[]
  hours: number[]
  daysOfMonth: number[]
  months: number[]
  /** 0 = Sunday */
  daysOfWeek: number[]
  /** Vixie cron: when both day fields are restricted, a day matching either runs */
  domRestricted: boolean
  dowRestricted: boolean
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

interface FieldRule {
  name: [string, string]
  min: number
  max: number
  names?: string[]
  /** the first name's number (1 for months, 0 for weekdays) */
  base?: number
}

const FIELDS: FieldRule[] = [
  { name: ['分钟', 'minute'], min: 0, max: 59 },
  { name: ['小时', 'hour'], min: 0, max: 23 },
  { name: ['日', 'day of month'], min: 1, max: 31 },
  { name: ['月', 'month'], min: 1, max: 12, names: MONTHS, base: 1 },
  { name: ['星期', 'day of week'], min: 0, max: 7, names: DAYS, base: 0 },
]

export type CronResult = { ok: true; spec: CronSpec } | { ok: false; message: LocalizedMessage }

function parseValue(text: string, rule: FieldRule): number | undefined {
  const named = rule.names?.indexOf(text.toLowerCase()) ?? -1
  if (named >= 0) return named + (rule.base ?? 0)
  if (!/^\d{1,2}$/.test(text)) return undefined
  const n = Number(text)
  return n >= rule.min && n <= rule.max ? n : undefined
}

function parseField(text: string, rule: FieldRule): Set<number> | LocalizedMessage {
  const values = new Set<number>()
  const bad = (why: [string, string]) =>
    localized(`${rule.name[0]}字段 '${text}' ${why[0]}`, `${rule.name[1]} field '${text}' ${why[1]}`)
  for (const part of text.split(',')) {
    const [range = '', stepText, extra] = part.split('/')
    if (extra !== undefined || range === '') return bad(['格式不对', 'is malformed'])
    let step = 1
    if (stepText !== undefined) {
      if (!/^\d{1,2}$/.test(stepText) || Number(stepText) < 1)
        return bad(['的步长无效', 'has an invalid step'])
      step = Number(stepText)
    }
    let from: number | undefined
    let to: number | undefined
    if (range === '*') {
      from = rule.min
      to = rule.max === 7 ? 6 : rule.max
    } else {
      const [a = '', b] = range.split('-')
      from = parseValue(a, rule)
      to = b === undefined ? (stepText !== undefined ? rule.max : from) : parseValue(b, rule)
    }
    if (from === undefined || to === undefined)
      return bad([`超出 ${rule.min}-${rule.max}`, `is outside ${rule.min}-${rule.max}`])
    if (from > to) return bad(['的范围起点大于终点', 'has a range that ends before it starts'])
    for (let v = from; v <= to; v += step) values.add(rule.max === 7 && v === 7 ? 0 : v)
  }
  return values
}

/** Parses a five-field cron expression, or says which field is wrong (zh-CN and en). */
export function parseCron(text: string): CronResult {
  const parts = text.trim().split(/\s+/)
  if (parts.length !== 5)
    return {
      ok: false,
      message: localized(
        `cron 表达式需要 5 个字段（分 时 日 月 周），这里有 ${parts.length} 个`,
        `a cron expression has 5 fields (minute hour day month weekday), this one has ${parts.length}`,
      ),
    }
  const sets: number[][] = []
  for (const [i, part] of parts.entries()) {
    const rule = FIELDS[i] as FieldRule
    const parsed = parseField(part, rule)
    if (!(parsed instanceof Set)) return { ok: false, message: parsed }
    sets.push([...parsed].sort((a, b) => a - b))
  }
  const [minutes = [], hours = [], daysOfMonth = [], months = [], daysOfWeek = []] = sets
  return {
    ok: true,
    spec: {
      minutes,
      hours,
      daysOfMonth,
      months,
      daysOfWeek,
      domRestricted: parts[2] !== '*',
      dowRestricted: parts[4] !== '*',
    },
  }
}

/** Whether a calendar day (month 1-12, weekday 0 = Sunday) is one the expression runs on. */
export function cronDayMatches(spec: CronSpec, day: number, month: number, weekday: number): boolean {
  if (!spec.months.includes(month)) return false
  const dom = spec.daysOfMonth.includes(day)
  const dow = spec.daysOfWeek.includes(weekday)
  if (spec.domRestricted && spec.dowRestricted) return dom || dow
  return dom && dow
}
