/**
 * What a serial format produces for a date and counter: `{YYYY}`, `{YY}`, `{MM}`, `{DD}` from the
 * date, `{000000}` the counter zero-padded to that many digits. Shown under the format input.
 */
export function serialExample(format: string, date: Date, counter: number): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0')
  return format.replace(/\{(YYYY|YY|MM|DD|0+)\}/g, (_, token: string) => {
    if (token === 'YYYY') return String(date.getFullYear())
    if (token === 'YY') return pad(date.getFullYear() % 100, 2)
    if (token === 'MM') return pad(date.getMonth() + 1, 2)
    if (token === 'DD') return pad(date.getDate(), 2)
    return pad(counter, token.length)
  })
}

/** A serial format needs a counter, or two records would get the same number on the same day. */
export const hasCounter = (format: string) => /\{0+\}/.test(format)
