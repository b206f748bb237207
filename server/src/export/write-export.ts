import type { Writable } from 'node:stream'
import type { AppDefinition, FieldDefinition } from '@tessera/schemas'
import type { Actor, Engine, ListQuery, RecordView, Store } from '@tessera/runtime'
import ExcelJS from 'exceljs'
import { importError } from '../import/import-error.js'
import { labelText } from './cell-text.js'
import { escapeCsvCell } from './csv-cell.js'
import { type ExportNames, createExportNames } from './export-names.js'

export interface WriteExportOptions {
  engine: Engine
  /** where the app's members are read, to write people by name */
  store: Store
  app: AppDefinition
  form: string
  /** the list's filters, sort and search; `limit` and `cursor` are the exporter's own */
  query: ListQuery
  actor: Actor
  format: 'csv' | 'xlsx'
  out: Writable
  /** field keys to export, in order; default every field of the form */
  columns?: string[]
  locale?: 'en' | 'zh-CN'
}

const SYSTEM_COLUMNS = ['id', 'state', 'assignee', 'owner', 'created_at', 'updated_at'] as const
const PAGE = 500
const NOT_EXPORTED = new Set(['subform', 'file', 'image'])

/**
 * Streams every page of a list (with its filters) as CSV or XLSX. The rows are what `engine.list`
 * shows this actor, so a value the actor may not see (withheld by the engine) is absent from every
 * row. Cells that would run as formulas are neutralised.
 * Returns the number of rows written.
 */
export async function writeExport(options: WriteExportOptions): Promise<number> {
  const { engine, app, actor, out } = options
  const form = app.forms.find((f) => f.key === options.form)
  if (!form)
    throw importError('MAPPING', {
      'zh-CN': `应用中没有表单 ${options.form}`,
      en: `the app has no form ${options.form}`,
    })
  const locale = options.locale ?? 'en'
  const wanted = options.columns ?? form.fields.filter((f) => !NOT_EXPORTED.has(f.type)).map((f) => f.key)
  const fields = wanted.map((key) => {
    const field = form.fields.find((f) => f.key === key)
    if (!field)
      throw importError('MAPPING', {
        'zh-CN': `表单 ${form.key} 没有字段 ${key}`,
        en: `the form ${form.key} has no field ${key}`,
      })
    return field
  })
  const header = [...SYSTEM_COLUMNS, ...fields.map((f) => labelText(f.label, locale) ?? f.key)]
  const names = await createExportNames({ ...options, locale, fields })
  const sink = options.format === 'xlsx' ? xlsxSink(out) : csvSink(out)
  await sink.row(header)
  let written = 0
  let cursor: string | undefined
  do {
    const page = await engine.list(
      app.key,
      form.key,
      { ...options.query, limit: PAGE, ...(cursor ? { cursor } : {}) },
      actor,
    )
    await names.prefetch(page.items)
    for (const record of page.items) {
      await sink.row([
        ...systemCells(record, names),
        ...fields.map((f) => cellOf(record.data[f.key], f, names)),
      ])
      written++
    }
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  await sink.end()
  return written
}

/** A cell: dates stay dates (a typed date cell in XLSX, ISO 8601 text in CSV). */
type Out = string | number | boolean | null | { date: Date; time: boolean }

const instant = (iso: string): Out => ({ date: new Date(iso), time: true })

const systemCells = (r: RecordView, names: ExportNames): Out[] => [
  r.id,
  names.state(r.state),
  names.person(r.assignee),
  names.person(r.owner),
  instant(r.createdAt),
  instant(r.updatedAt),
]

function cellOf(value: unknown, field: FieldDefinition, names: ExportNames): Out {
  if (value === undefined || value === null) return null
  switch (field.type) {
    case 'user':
      return Array.isArray(value)
        ? value.map((v) => names.person(String(v))).join('; ')
        : names.person(String(value))
    case 'relation':
      return names.related(field, value)
    case 'select':
    case 'radio':
    case 'multiselect':
      return names.option(field, value)
    case 'date':
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
        return { date: new Date(`${value}T00:00:00Z`), time: false }
      break
    case 'datetime':
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return instant(value)
      break
  }
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('; ')
  if (typeof value === 'object') return JSON.stringify(value)
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value
  if (
    // a formula's number (a lead's score) too; a text formula (its grade) fails the pattern
    ['number', 'money', 'percent', 'integer', 'formula'].includes(field.type) &&
    /^-?\d+(\.\d+)?$/.test(String(value))
  ) {
    // decimal strings stay exact in CSV; XLSX gets a number only when a double holds it exactly
    const n = Number(value)
    return String(n) ===
      String(value)
        .replace(/(\.\d*?)0+$/, '$1')
        .replace(/\.$/, '')
      ? n
      : String(value)
  }
  return String(value)
}

/** CSV has no types: a date as `2024-03-01`, an instant as ISO 8601 in UTC. */
const csvText = (c: Exclude<Out, null>): string =>
  typeof c === 'object' ? (c.time ? c.date.toISOString() : c.date.toISOString().slice(0, 10)) : String(c)

interface Sink {
  row(cells: Out[]): Promise<void>
  end(): Promise<void>
}

function csvSink(out: Writable): Sink {
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.write(text, (e) => (e ? reject(e) : undefined))) resolve()
      else out.once('drain', resolve)
    })
  let first = true
  return {
    async row(cells) {
      // a BOM so Excel opens UTF-8 (Chinese labels) correctly
      const prefix = first ? '\uFEFF' : ''
      first = false
      await write(`${prefix}${cells.map((c) => (c === null ? '' : escapeCsvCell(csvText(c)))).join(',')}\r\n`)
    },
    async end() {
      await new Promise<void>((resolve) => out.end(resolve))
    },
  }
}

function xlsxSink(out: Writable): Sink {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    // styles carry the date formats: without them a date cell shows as a bare serial number
    useStyles: true,
    useSharedStrings: false,
  })
  const sheet = workbook.addWorksheet('export')
  return {
    async row(cells) {
      // A text is written as a string cell, which no spreadsheet runs as a formula: it keeps its
      // value (`+1 555 0101`, `-2+3`) with no apostrophe, unlike CSV, where nothing types a cell.
      const row = sheet.addRow(cells.map((c) => (c === null ? null : typeof c === 'object' ? c.date : c)))
      cells.forEach((c, i) => {
        if (c !== null && typeof c === 'object')
          row.getCell(i + 1).numFmt = c.time ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd'
      })
      row.commit()
    },
    async end() {
      sheet.commit()
      await workbook.commit()
    },
  }
}
