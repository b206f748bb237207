import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { sniffDelimiter } from '@tessera/schemas'
import { CsvError, parse } from 'csv-parse'
import { decodeText } from './decode-text.js'
import { importError } from './import-error.js'
import type { SourceRow, SourceRows } from './read-rows.js'

/**
 * CSV through csv-parse, streaming: CRLF or LF, quoted fields with newlines and doubled quotes,
 * ragged rows tolerated (a short row has empty cells), a bare quote inside an unquoted field kept as
 * text (`Bob "The" Builder`, as Excel writes it), and a blank line (`,,,,`: only empty cells) skipped,
 * not a row. The row number counts records, so a quoted newline does not shift it; the header is row 1.
 * The separator is the declared one, else sniffed from the first lines (csv-delimiter.ts).
 */
export async function readCsvRows(
  bytes: AsyncIterable<Uint8Array>,
  encoding?: string,
  declaredDelimiter?: string,
): Promise<SourceRows> {
  const text = await decodeText(bytes, encoding)
  const sampled = await sampleText(text.chunks)
  const delimiter = declaredDelimiter ?? sniffDelimiter(sampled.sample)
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    bom: true,
  })
  const quotes = { openedOnLine: 0 }
  const done = pipeline(Readable.from(watchText(sampled.chunks, quotes)), parser).catch((e: unknown) => {
    parser.destroy(e instanceof Error ? e : new Error(String(e)))
  })
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{
    record: string[]
    info: { records: number }
  }>
  const nextRecord = () => readRecord(records, quotes)
  const first = await nextRecord()
  if (!first) {
    await done
    throw importError('FORMAT', { 'zh-CN': '文件是空的：没有表头行', en: 'the file is empty: no header row' })
  }
  const headers = first.record.map(cleanHeader)
  async function* rows(): AsyncIterable<SourceRow> {
    while (true) {
      const next = await nextRecord()
      if (!next) break
      if (isBlankRecord(next.record)) continue
      yield { row: next.info.records, cells: next.record }
    }
    await done
  }
  return {
    headers,
    encoding: text.encoding,
    delimiter: { char: delimiter, how: declaredDelimiter ? 'declared' : 'detected' },
    rows: rows(),
  }
}

/** Enough text to sniff the separator from (the first lines), without losing it for the parser. */
const SAMPLE_CHARS = 16 * 1024

async function sampleText(chunks: AsyncIterable<string>) {
  const iterator = chunks[Symbol.asyncIterator]()
  const head: string[] = []
  let size = 0
  let ended = false
  while (size < SAMPLE_CHARS) {
    const next = await iterator.next()
    if (next.done) {
      ended = true
      break
    }
    head.push(next.value)
    size += next.value.length
  }
  const sample = head.join('')
  async function* all(): AsyncIterable<string> {
    if (sample) yield sample
    if (ended) return
    while (true) {
      const next = await iterator.next()
      if (next.done) return
      yield next.value
    }
  }
  return { sample: sample.replace(/^\uFEFF/, ''), chunks: all() }
}

async function readRecord<T>(records: AsyncIterator<T>, quotes: { openedOnLine: number }): Promise<T | null> {
  try {
    const next = await records.next()
    return next.done ? null : next.value
  } catch (e) {
    if (e instanceof CsvError && e.code === 'CSV_QUOTE_NOT_CLOSED')
      throw importError('FORMAT', {
        'zh-CN': `CSV 格式错误：第 ${quotes.openedOnLine} 行的引号没有闭合`,
        en: `the CSV is malformed: the quote opened on line ${quotes.openedOnLine} is never closed`,
      })
    // every other csv-parse refusal (some codes lack the CSV_ prefix) names its line in the message
    if (e instanceof CsvError)
      throw importError('FORMAT', {
        'zh-CN': `CSV 格式错误：${e.message}`,
        en: `the CSV is malformed: ${e.message}`,
      })
    throw e
  }
}

/**
 * Passes the text on, watching two things csv-parse cannot report well: a NUL character (text never
 * holds one: an image or a PDF was given as a CSV, and would be read as a row of garbage) and the line
 * of the last opening quote (csv-parse names only the line where an unclosed quote ran out of file).
 */
async function* watchText(
  chunks: AsyncIterable<string>,
  quotes: { openedOnLine: number },
): AsyncIterable<string> {
  let line = 1
  let quoted = false
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the NUL is the point: it marks a binary file
  const marks = /["\n\u0000]/g
  for await (const chunk of chunks) {
    marks.lastIndex = 0
    for (let m = marks.exec(chunk); m; m = marks.exec(chunk)) {
      if (m[0] === '\n') line++
      else if (m[0] === '"') {
        // a doubled quote inside a quoted field toggles twice: no net change
        quoted = !quoted
        if (quoted) quotes.openedOnLine = line
      } else
        throw importError('FORMAT', {
          'zh-CN': `这不是 CSV 文件：第 ${line} 行含有二进制数据（NUL 字节）`,
          en: `this is not a CSV file: line ${line} holds binary data (a NUL byte)`,
        })
    }
    yield chunk
  }
}

/** A line of separators and whitespace only (`,,,,`, as spreadsheets save trailing rows) holds no row. */
const isBlankRecord = (cells: string[]): boolean => cells.every((c) => c.trim() === '')

/** Invisible characters glued to a header (a BOM, zero-width spaces) are not part of its name (C6). */
export const cleanHeader = (h: string): string => h.replace(/[\uFEFF\u200B-\u200D\u2060]/g, '').trim()
