import type { FieldType } from '../app-definition.js'

/** Types whose values are numbers (JSON numbers or decimal strings on the wire). */
export const NUMERIC_TYPES: ReadonlySet<FieldType> = new Set([
  'number',
  'integer',
  'money',
  'percent',
  'rating',
])
/** Types whose values are plain strings. */
export const TEXT_TYPES: ReadonlySet<FieldType> = new Set([
  'text',
  'textarea',
  'email',
  'phone',
  'url',
  'serial',
])
export const OPTION_TYPES: ReadonlySet<FieldType> = new Set(['select', 'radio', 'multiselect'])
/** Types the server computes; nobody writes them (not a person, a transition's payload or an action). */
export const COMPUTED_TYPES: ReadonlySet<FieldType> = new Set(['formula', 'serial', 'lookup', 'rollup'])
/** Types computed in SQL from related records when read (never stored). */
export const LINKED_TYPES: ReadonlySet<FieldType> = new Set(['lookup', 'rollup'])

export const DECIMAL = /^-?\d+(\.\d+)?$/
export const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i

export function isValidDate(text: string): boolean {
  const m = DATE.exec(text)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

export const isValidDateTime = (text: string) =>
  DATE_TIME.test(text) && isValidDate(text.slice(0, 10)) && !Number.isNaN(Date.parse(text))

export const isNumeric = (value: unknown) =>
  (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && DECIMAL.test(value))

/** Whether a value of type `source` may be copied into a field of type `target` (create-record maps). */
export function canCopy(source: FieldType, target: FieldType): boolean {
  if (source === target) return true
  if (target === 'text' || target === 'textarea')
    return (
      TEXT_TYPES.has(source) ||
      NUMERIC_TYPES.has(source) ||
      ['select', 'radio', 'date', 'datetime', 'text', 'textarea'].includes(source)
    )
  if (NUMERIC_TYPES.has(target))
    return NUMERIC_TYPES.has(source) && !(target === 'integer' && source !== 'rating')
  if (target === 'select' || target === 'radio') return source === 'select' || source === 'radio'
  if (target === 'datetime') return source === 'date'
  if (target === 'email' || target === 'phone' || target === 'url') return source === 'text'
  if (target === 'file' || target === 'image') return source === 'file' || source === 'image'
  return false
}
