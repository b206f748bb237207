import type { ColumnMapping, FieldDefinition, LocalizedMessage } from '@tessera/schemas'
import { normalizeText } from './normalize-text.js'
import type { Cell } from './read-rows.js'

/** A cell turned into a field value: absent (no value), a value, or why it cannot be one. */
export type Coerced =
  | { kind: 'empty' }
  | { kind: 'value'; value: unknown }
  | { kind: 'error'; code: string; message: LocalizedMessage }

const TRUE = ['yes', 'y', 'true', '1', '是', '对', 'x', '✓']
const FALSE = ['no', 'n', 'false', '0', '否', '不']
const INTEGER = /^[+-]?\d+(\.0+)?$/
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/
/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug folded in). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)
const DAY_MS = 86_400_000

const fail = (code: string, zh: string, en: string): Coerced => ({
  kind: 'error',
  code,
  message: { 'zh-CN': zh, en },
})

/**
 * One cell -> one field value, by the field's type (DESIGN.md "Values on the wire"): blank, a
 * declared empty value (`Select`) or whitespace is no value, never `""` or `0`; numbers and money
 * become decimal strings; options match their canonical value case-insensitively (`google` ->
 * `Google`); dates accept ISO text, Excel date cells and Excel serials.
 */
export function coerceCell(
  cell: Cell,
  field: FieldDefinition,
  column: ColumnMapping | undefined,
  empties: Set<string>,
): Coerced {
  if (cell === null) return { kind: 'empty' }
  if (typeof cell === 'string') {
    const trimmed = unprotectFormula(cell).replace(/^[\s\u00A0\u3000]+|[\s\u00A0\u3000]+$/g, '')
    if (trimmed === '' || empties.has(normalizeText(trimmed))) return { kind: 'empty' }
    cell = applyAlias(trimmed, column?.aliases)
  }
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
    case 'address':
      return { kind: 'value', value: cell instanceof Date ? isoDate(cell) : String(cell) }
    case 'integer':
    case 'rating':
      return toInteger(cell)
    case 'number':
    case 'money':
    case 'percent':
      return toDecimal(cell)
    case 'boolean':
      return toBoolean(cell, column)
    case 'date':
      return toDate(cell, column?.dateFormat)
    case 'datetime':
      return toDateTime(cell)
    case 'select':
    case 'radio':
      return toOption(String(cell), field)
    case 'multiselect': {
      const values: unknown[] = []
      for (const part of String(cell).split(/[;,，；]/)) {
        if (part.trim() === '') continue
        const one = toOption(applyAlias(part.trim(), column?.aliases), field)
        if (one.kind === 'error') return one
        if (one.kind === 'value') values.push(one.value)
      }
      return values.length ? { kind: 'value', value: values } : { kind: 'empty' }
    }
    case 'relation':
    case 'user':
      // resolved against records or members by the lookup step, by this normalized text
      return { kind: 'value', value: String(cell) }
    default:
      return fail(
        'not_importable',
        `${field.type} 类型的字段不能从文件导入`,
        `a ${field.type} field cannot be imported from a file`,
      )
  }
}

/**
 * Tessera's own export writes a text starting with `=`, `+`, `-`, `@`, tab or CR with a leading
 * apostrophe (formula-injection protection, export/csv-cell.ts); reading that file back drops that
 * one apostrophe, so `'+86 138 0013 8000` is the phone it was.
 */
const unprotectFormula = (text: string): string => text.replace(/^'(?=[=+\-@\t\r])/, '')

function applyAlias(value: string, aliases: Record<string, string> | undefined): string {
  if (!aliases) return value
  if (value in aliases) return aliases[value] as string
  const key = normalizeText(value)
  for (const [from, to] of Object.entries(aliases)) if (normalizeText(from) === key) return to
  return value
}

function toInteger(cell: Exclude<Cell, null>): Coerced {
  const text = typeof cell === 'number' ? String(cell) : String(cell).trim()
  if (!INTEGER.test(text)) return fail('integer', `“${text}” 不是整数`, `"${text}" is not a whole number`)
  const digits = text.replace(/\.0+$/, '').replace(/^\+/, '')
  const n = Number(digits)
  // beyond 2^53 a JS number would change the value (C5): keep the digits as a string
  return { kind: 'value', value: Number.isSafeInteger(n) ? n : digits }
}

function toDecimal(cell: Exclude<Cell, null>): Coerced {
  if (typeof cell === 'number') return { kind: 'value', value: numberToDecimal(cell) }
  const text = String(cell).trim().replace(/^\+/, '')
  if (!DECIMAL.test(text)) return fail('number', `“${text}” 不是数字`, `"${text}" is not a number`)
  return { kind: 'value', value: /e/i.test(text) ? numberToDecimal(Number(text)) : canonicalDecimal(text) }
}

/** The shortest decimal that round-trips the binary value (what Excel shows), never `0.30000000000000004`. */
const numberToDecimal = (n: number): string =>
  canonicalDecimal(n.toPrecision(15).includes('e') ? String(n) : String(Number(n.toPrecision(15))))

function canonicalDecimal(text: string): string {
  let t = text.startsWith('.') ? `0${text}` : text.startsWith('-.') ? `-0${text.slice(1)}` : text
  if (t.endsWith('.')) t = t.slice(0, -1)
  return t
}

function toBoolean(cell: Exclude<Cell, null>, column: ColumnMapping | undefined): Coerced {
  if (typeof cell === 'boolean') return { kind: 'value', value: cell }
  const text = normalizeText(String(cell))
  const trueValues = (column?.trueValues ?? TRUE).map(normalizeText)
  const falseValues = (column?.falseValues ?? FALSE).map(normalizeText)
  if (trueValues.includes(text)) return { kind: 'value', value: true }
  if (falseValues.includes(text)) return { kind: 'value', value: false }
  return fail('boolean', `“${String(cell)}” 不是“是/否”`, `"${String(cell)}" is not yes or no`)
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')
const isoDate = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`

function fromSerial(serial: number): Date {
  return new Date(EXCEL_EPOCH_MS + Math.round(serial * DAY_MS))
}

function toDate(cell: Exclude<Cell, null>, format: string | undefined): Coerced {
  // exceljs gives a date cell as the UTC instant of its wall-clock value
  if (cell instanceof Date) return { kind: 'value', value: isoDate(cell) }
  const text = String(cell).trim()
  if (typeof cell === 'number' || /^\d{1,6}(\.\d+)?$/.test(text)) {
    const serial = Number(text)
    if (serial >= 1 && serial < 2_958_466) return { kind: 'value', value: isoDate(fromSerial(serial)) }
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(text)
  const parts = iso ? [iso[1], iso[2], iso[3]] : format ? byFormat(text, format) : null
  if (parts) {
    const [y, m, d] = parts.map(Number) as [number, number, number]
    const date = new Date(Date.UTC(y, m - 1, d))
    if (date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d)
      return { kind: 'value', value: isoDate(date) }
  }
  return fail(
    'date',
    `“${text}” 不是有效日期（应为 YYYY-MM-DD）`,
    `"${text}" is not a valid date (expected YYYY-MM-DD)`,
  )
}

function byFormat(text: string, format: string): [string, string, string] | null {
  const m = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$/.exec(text)
  if (!m) return null
  const [a, b, c] = [m[1] as string, m[2] as string, m[3] as string]
  if (format === 'DD/MM/YYYY' || format === 'DD.MM.YYYY') return [c, b, a]
  if (format === 'MM/DD/YYYY') return [c, a, b]
  return [a, b, c]
}

function toDateTime(cell: Exclude<Cell, null>): Coerced {
  if (cell instanceof Date) return { kind: 'value', value: cell.toISOString() }
  const text = String(cell).trim()
  if (typeof cell === 'number' || /^\d{1,6}(\.\d+)?$/.test(text))
    return { kind: 'value', value: fromSerial(Number(text)).toISOString() }
  // a time without an offset is ambiguous: refuse rather than guess the zone
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text))
    return fail(
      'datetime',
      `“${text}” 不是带时区的 ISO 8601 时间`,
      `"${text}" is not an ISO 8601 date-time with an offset`,
    )
  const t = Date.parse(text.replace(' ', 'T'))
  if (Number.isNaN(t)) return fail('datetime', `“${text}” 不是有效时间`, `"${text}" is not a valid date-time`)
  return { kind: 'value', value: new Date(t).toISOString() }
}

function toOption(text: string, field: FieldDefinition): Coerced {
  const options = field.options ?? []
  const exact = options.find((o) => o.value === text)
  if (exact) return { kind: 'value', value: exact.value }
  const key = normalizeText(text)
  const loose = options.find(
    (o) =>
      normalizeText(o.value) === key ||
      (o.label !== undefined && labelTexts(o.label).some((l) => normalizeText(l) === key)),
  )
  if (loose) return { kind: 'value', value: loose.value }
  return fail('option', `“${text}” 不是可选项`, `"${text}" is not one of the options`)
}

const labelTexts = (label: string | Record<string, string>): string[] =>
  typeof label === 'string' ? [label] : Object.values(label)
