import { sniffDelimiter } from '@tessera/schemas'

/**
 * Reads the header and the first rows of a CSV in the browser, for auto-mapping and the preview.
 * The server parses the whole file again (csv-parse); this only has to agree on the first lines.
 * Handles quotes, doubled quotes, CRLF, and the UTF-8 BOM Excel writes (C6), which would otherwise
 * stick to the first header. The separator is the declared one, else sniffed as the server sniffs it.
 */
export function parseCsvHead(
  text: string,
  maxRows = 10,
  declared?: string,
): { headers: string[]; rows: string[][]; delimiter: string } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const delimiter = declared ?? sniffDelimiter(src)
  const records: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < src.length && records.length <= maxRows; i++) {
    const c = src[i]!
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"' && cell === '') quoted = true
    else if (c === delimiter) {
      row.push(cell)
      cell = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++
      row.push(cell)
      if (row.some((x) => x !== '')) records.push(row)
      row = []
      cell = ''
    } else cell += c
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell)
    if (row.some((x) => x !== '') && records.length <= maxRows) records.push(row)
  }
  const [headers = [], ...rows] = records
  return { headers: headers.map((h) => h.trim()), rows: rows.slice(0, maxRows), delimiter }
}
