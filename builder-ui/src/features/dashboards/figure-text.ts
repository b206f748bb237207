import { formatDecimal } from '../../i18n/format.js'
import type { Bucket } from './aggregate.js'

/** One figure of a several-figure number widget as shown: shares as percentages, a median over nothing as "—". */
export function figureText(b: Bucket, lang: string): string {
  if (b.key === 'median_hours' && b.count === 0) return '—'
  if (b.key.endsWith('_share')) return `${formatDecimal(String(Number(b.value) * 100), lang)}%`
  return formatDecimal(b.value, lang)
}
