/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * A cell is shown, never run: a text starting with `=`, `+`, `-`, `@`, tab or CR gets a leading
 * apostrophe, which Excel, LibreOffice and Sheets all read as "this is text". Plain numbers (a
 * negative amount) are numbers, not text, and stay as they are.
 */
export const neutralizeFormula = (text: string): string =>
  FORMULA_START.test(text) && !/^-\d+(\.\d+)?$/.test(text) ? `'${text}` : text

/** RFC 4180 quoting after neutralising: quotes doubled, quoted when it holds a comma, quote or newline. */
export function escapeCsvCell(text: string): string {
  const safe = neutralizeFormula(text)
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
