import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parse } from 'csv-parse'
import { decodeText } from './decode-text.js'
import { importError } from './import-error.js'
import type { SourceRow, SourceRows } from './read-rows.js'

/**
 * CSV through csv-parse, streaming: CRLF or LF, quoted fields with newlines and doubled quotes,
 * ragged rows tolerated (a short row has empty cells). The row number counts records, so a quoted
 * newline does not shift it; the header is row 1.
 */
export async function readCsvRows(bytes: AsyncIterable<Uint8Array>, encoding?: string): Promise<SourceRows> {
  const text = await decodeText(bytes, encoding)
  const parser = parse({ relax_column_count: true, skip_empty_lines: true, info: true, bom: true })
  const done = pipeline(Readable.from(text.chunks), parser).catch((e: unknown) => {
    parser.destroy(e instanceof Error ? e : new Error(String(e)))
  })
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{
    record: string[]
    info: { records: number }
  }>
  const first = await nextRecord(records)
  if (!first) {
    await done
    throw importError('FORMAT', { 'zh-CN': '文件是空的：没有表头行', en: 'the file is empty: no header row' })
  }
  const headers = first.record.map(cleanHeader)
  async function* rows(): AsyncIterable<SourceRow> {
    while (true) {
      const next = await nextRecord(records)
      if (!next) break
      yield { row: next.info.records, cells: next.record }
    }
    await done
  }
  return { headers, encoding: text.encoding, rows: rows() }
}

async function nextRecord<T>(records: AsyncIterator<T>): Promise<T | null> {
  try {
    const next = await records.next()
    return next.done ? null : next.value
  } catch (e) {
    if (e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('CSV_'))
      throw importError('FORMAT', {
        'zh-CN': `CSV 格式错误：${e.message}`,
        en: `the CSV is malformed: ${e.message}`,
      })
    throw e
  }
}

/** Invisible characters glued to a header (a BOM, zero-width spaces) are not part of its name (C6). */
export const cleanHeader = (h: string): string => h.replace(/[\uFEFF\u200B-\u200D\u2060]/g, '').trim()
