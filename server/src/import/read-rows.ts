import { createReadStream } from 'node:fs'
import { extname } from 'node:path'
import { Readable } from 'node:stream'
import { parseDelimiter } from './csv-delimiter.js'
import { readCsvRows } from './csv-rows.js'
import { readXlsxRows } from './xlsx-rows.js'

/** A cell as read: CSV gives text; XLSX also numbers, booleans and dates. */
export type Cell = string | number | boolean | Date | null

/** One data row: its row number in the file (the header is row 1) and its cells by column position. */
export interface SourceRow {
  row: number
  cells: Cell[]
}

export interface SourceRows {
  headers: string[]
  /** how the text was decoded (CSV), for the summary */
  encoding: string | null
  /** the CSV's separator and whether it was declared or sniffed; null for XLSX */
  delimiter: { char: string; how: 'declared' | 'detected' } | null
  rows: AsyncIterable<SourceRow>
}

/** A file to import: a path, or a stream with its name (the name picks CSV or XLSX). */
export type ImportSource =
  | { path: string; encoding?: string; delimiter?: string }
  | { stream: NodeJS.ReadableStream | Readable; name: string; encoding?: string; delimiter?: string }

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]

/**
 * Opens a CSV or XLSX file as a header and a stream of rows; nothing holds the whole file.
 * The format is picked by the file name, and a ZIP signature is read as XLSX whatever the name.
 */
export async function readRows(source: ImportSource): Promise<SourceRows> {
  const name = 'path' in source ? source.path : source.name
  const stream = 'path' in source ? createReadStream(source.path) : source.stream
  const bytes = peekable(stream as AsyncIterable<Uint8Array>)
  const first = await bytes.peek()
  const isZip = first !== null && XLSX_MAGIC.every((b, i) => first[i] === b)
  if (isZip || extname(name).toLowerCase() === '.xlsx') return readXlsxRows(Readable.from(bytes.all()))
  return readCsvRows(
    bytes.all(),
    source.encoding,
    source.delimiter === undefined ? undefined : parseDelimiter(source.delimiter),
  )
}

/** Looks at the first chunk without losing it. */
function peekable(source: AsyncIterable<Uint8Array>) {
  const iterator = source[Symbol.asyncIterator]()
  let head: Uint8Array | null | undefined
  return {
    async peek(): Promise<Uint8Array | null> {
      if (head === undefined) {
        const next = await iterator.next()
        head = next.done ? null : next.value
      }
      return head
    },
    async *all(): AsyncIterable<Uint8Array> {
      await this.peek()
      if (head) yield head
      while (true) {
        const next = await iterator.next()
        if (next.done) return
        yield next.value
      }
    },
  }
}
