import type { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { cleanHeader } from './csv-rows.js'
import { importError } from './import-error.js'
import type { Cell, SourceRow, SourceRows } from './read-rows.js'

/**
 * The first worksheet of an XLSX through exceljs's streaming reader: rows arrive as the ZIP is read.
 * Dates (cells with a date format) arrive as `Date`; formulas give their cached result.
 */
export async function readXlsxRows(stream: Readable): Promise<SourceRows> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  })
  const sheets = reader[Symbol.asyncIterator]()
  const sheet = await sheets.next().catch((e: unknown) => {
    throw importError('FORMAT', {
      'zh-CN': `无法读取 XLSX 文件：${e instanceof Error ? e.message : String(e)}`,
      en: `the XLSX file cannot be read: ${e instanceof Error ? e.message : String(e)}`,
    })
  })
  if (sheet.done)
    throw importError('FORMAT', { 'zh-CN': 'XLSX 文件没有工作表', en: 'the XLSX file has no worksheet' })
  const rowIterator = sheet.value[Symbol.asyncIterator]()
  let headerRow = await rowIterator.next()
  while (!headerRow.done && rowCells(headerRow.value).every((c) => c === null))
    headerRow = await rowIterator.next()
  if (headerRow.done)
    throw importError('FORMAT', {
      'zh-CN': '工作表是空的：没有表头行',
      en: 'the worksheet is empty: no header row',
    })
  const headers = rowCells(headerRow.value).map((c) =>
    cleanHeader(c === null ? '' : c instanceof Date ? c.toISOString() : String(c)),
  )
  async function* rows(): AsyncIterable<SourceRow> {
    while (true) {
      const next = await rowIterator.next()
      if (next.done) break
      const cells = rowCells(next.value)
      if (cells.every((c) => c === null || c === '')) continue
      yield { row: next.value.number, cells }
    }
    // drain the remaining sheets so the reader closes the ZIP
    while (!(await sheets.next()).done) {}
  }
  return { headers, encoding: null, delimiter: null, rows: rows() }
}

/** exceljs row values are 1-based with holes; each becomes a plain cell. */
function rowCells(row: ExcelJS.Row): Cell[] {
  const values = Array.isArray(row.values) ? row.values.slice(1) : []
  return Array.from(values, (v) => toCell(v as ExcelJS.CellValue))
}

function toCell(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return null
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('')
    if ('result' in v) return toCell(v.result as ExcelJS.CellValue)
    if ('text' in v) return String(v.text)
    if ('error' in v) return null
  }
  return String(v)
}
