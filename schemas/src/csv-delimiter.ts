// CSV separators, shared by the server's reader and the browser's preview, so both read a file
// with the same one (server/src/import/csv-rows.ts, builder-ui parse-csv-head.ts).

/** The separators a CSV may use, by the name a person gives them. */
export const DELIMITER_NAMES: Record<string, string> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  '\t': '\t',
  '\\t': '\t',
  tab: '\t',
  '|': '|',
  pipe: '|',
}
export const DELIMITERS = [',', ';', '\t', '|'] as const

/** How many records of the sample are compared; the header decides when it is alone. */
const SAMPLE_RECORDS = 20

/** The separator a name or character stands for (`semicolon`, `;`, `tab`, `\\t`…), else undefined. */
export const delimiterOf = (declared: string): string | undefined =>
  DELIMITER_NAMES[declared] ?? DELIMITER_NAMES[declared.trim().toLowerCase()]

/** The separator's name for the summary: `semicolon (;)`. */
export const delimiterName = (d: string): string =>
  d === ',' ? 'comma (,)' : d === ';' ? 'semicolon (;)' : d === '\t' ? 'tab' : d === '|' ? 'pipe (|)' : d

/**
 * The separator of a CSV from the start of its text, as European Excel writes `;` and exports
 * write tabs: each candidate is counted outside quotes in the header and the records after it;
 * the one the header holds and most records repeat as often wins (a comma inside `"Müller, Hans"`
 * or an unquoted `1,5` in a `;` file does not count). A header with none of them is one column: `,`.
 */
export function sniffDelimiter(sample: string): string {
  const records = countsPerRecord(sample)
  const header = records[0]
  if (!header) return ','
  let best: { d: string; agree: number; count: number } | null = null
  for (const d of DELIMITERS) {
    const count = header[d] ?? 0
    if (count === 0) continue
    const agree = records.slice(1).filter((r) => r[d] === count).length
    if (!best || agree > best.agree || (agree === best.agree && count > best.count))
      best = { d, agree, count }
  }
  return best?.d ?? ','
}

/** Per record of the sample (quoted newlines stay inside their record), how often each candidate occurs outside quotes. */
function countsPerRecord(sample: string): Record<string, number>[] {
  const out: Record<string, number>[] = []
  let counts: Record<string, number> = {}
  let quoted = false
  let blank = true
  for (let i = 0; i < sample.length && out.length < SAMPLE_RECORDS; i++) {
    const c = sample[i] as string
    if (c === '"') {
      if (quoted && sample[i + 1] === '"') i++
      else quoted = !quoted
      blank = false
    } else if (!quoted && (c === '\n' || c === '\r')) {
      if (!blank) out.push(counts)
      counts = {}
      blank = true
    } else if (!quoted && (DELIMITERS as readonly string[]).includes(c)) {
      counts[c] = (counts[c] ?? 0) + 1
    } else if (c.trim() !== '') blank = false
  }
  // a last record cut by the sample's end is not compared, unless it is the only one
  if (!blank && out.length === 0) out.push(counts)
  return out
}
