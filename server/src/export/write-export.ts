import type { Writable } from 'node:stream'
import type { AppDefinition, FieldDefinition, Label } from '@tessera/schemas'
import type { Actor, Engine, ListQuery, RecordView } from '@tessera/runtime'
import ExcelJS from 'exceljs'
import { importError } from '../import/import-error.js'
import { escapeCsvCell, neutralizeFormula } from './csv-cell.js'

export interface WriteExportOptions {
  engine: Engine
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
    for (const record of page.items) {
      await sink.row([...systemCells(record), ...fields.map((f) => cellOf(record.data[f.key], f))])
      written++
    }
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  await sink.end()
  return written
}

type Out = string | number | boolean | null

const systemCells = (r: RecordView): Out[] => [r.id, r.state, r.assignee, r.owner, r.createdAt, r.updatedAt]

function cellOf(value: unknown, field: FieldDefinition): Out {
  if (value === undefined || value === null) return null
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('; ')
  if (typeof value === 'object') return JSON.stringify(value)
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value
  if (
    ['number', 'money', 'percent', 'integer'].includes(field.type) &&
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

const labelText = (label: Label | undefined, locale: string): string | undefined =>
  label === undefined
    ? undefined
    : typeof label === 'string'
      ? label
      : (label[locale] ?? label.en ?? Object.values(label)[0])

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
      await write(`${prefix}${cells.map((c) => (c === null ? '' : escapeCsvCell(String(c)))).join(',')}\r\n`)
    },
    async end() {
      await new Promise<void>((resolve) => out.end(resolve))
    },
  }
}

function xlsxSink(out: Writable): Sink {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  })
  const sheet = workbook.addWorksheet('export')
  return {
    async row(cells) {
      sheet.addRow(cells.map((c) => (typeof c === 'string' ? neutralizeFormula(c) : c))).commit()
    },
    async end() {
      sheet.commit()
      await workbook.commit()
    },
  }
}
