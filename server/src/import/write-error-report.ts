import type { Writable } from 'node:stream'
import type { ImportIssue } from './import-types.js'
import { escapeCsvCell } from '../export/csv-cell.js'

/**
 * The per-row error report as CSV: row number, column, value, reason (and severity and code), one
 * line per problem, written as it goes. Values are neutralised like any export: a value from the
 * file that starts with `=` cannot run when the report is opened in Excel.
 */
export async function writeErrorReport(
  errors: Iterable<ImportIssue>,
  out: Writable,
  locale: 'en' | 'zh-CN' = 'en',
): Promise<void> {
  const header =
    locale === 'zh-CN'
      ? ['行号', '列', '值', '原因', '级别', '代码']
      : ['row', 'column', 'value', 'reason', 'severity', 'code']
  await write(out, `\uFEFF${header.join(',')}\r\n`)
  for (const e of errors) {
    const line = [String(e.row), e.column, e.value, e.message[locale] ?? e.reason, e.severity, e.code]
      .map(escapeCsvCell)
      .join(',')
    await write(out, `${line}\r\n`)
  }
}

/** Honours backpressure: a report of a million rows never piles up in memory. */
const write = (out: Writable, text: string) =>
  new Promise<void>((resolve, reject) => {
    const ok = out.write(text, (e) => (e ? reject(e) : undefined))
    if (ok) resolve()
    else out.once('drain', resolve)
  })
