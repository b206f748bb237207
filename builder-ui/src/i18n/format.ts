import Decimal from 'decimal.js'

/*
 * Numbers and money travel as decimal strings (DESIGN.md "Values on the wire"); formatting must not
 * pass them through a binary float, so grouping is done on the digits themselves.
 */

const groupSeparator = (lang: string) =>
  new Intl.NumberFormat(lang).formatToParts(11111).find((p) => p.type === 'group')?.value ?? ','
const decimalSeparator = (lang: string) =>
  new Intl.NumberFormat(lang).formatToParts(1.1).find((p) => p.type === 'decimal')?.value ?? '.'

/** `"1234567.5"` -> `"1,234,567.50"` (decimals fixed when given), exact for any length. */
export function formatDecimal(value: string | number, lang: string, decimals?: number): string {
  let d: Decimal
  try {
    d = new Decimal(value)
  } catch {
    return String(value)
  }
  const fixed = decimals === undefined ? d.toFixed() : d.toFixed(decimals)
  const negative = fixed.startsWith('-')
  const [intPart = '0', frac] = (negative ? fixed.slice(1) : fixed).split('.')
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, groupSeparator(lang))
  return `${negative ? '-' : ''}${grouped}${frac !== undefined ? decimalSeparator(lang) + frac : ''}`
}

/**
 * Money with its currency symbol in the reader's locale, the amount kept exact: the locale's own
 * pattern (`-$0.30`, `-¥0.30`, `-0,30 €`) is taken from Intl and its digits replaced by ours.
 */
export function formatMoney(
  value: string | number,
  currency: string | undefined,
  lang: string,
  decimals = 2,
): string {
  const amount = formatDecimal(value, lang, decimals)
  if (!currency) return amount
  const negative = amount.startsWith('-')
  const digits = negative ? amount.slice(1) : amount
  const dec = decimalSeparator(lang)
  const [intPart = '0', frac] = digits.split(dec)
  let parts: Intl.NumberFormatPart[]
  try {
    parts = new Intl.NumberFormat(lang, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    }).formatToParts(negative ? -1 : 1)
  } catch {
    return `${currency} ${amount}`
  }
  return parts
    .map((p) => {
      if (p.type === 'integer') return intPart
      if (p.type === 'fraction') return frac ?? ''
      if (p.type === 'decimal') return frac === undefined ? '' : p.value
      return p.value
    })
    .join('')
}

/** Strips grouping so `"1,234.50"` typed by a person reads as the decimal string `"1234.50"`. */
export function parseDecimalInput(text: string, lang: string): string {
  const g = groupSeparator(lang)
  const dec = decimalSeparator(lang)
  return text.split(g).join('').replace(dec, '.').replace(/\s/g, '')
}

export function formatDateTime(iso: string, lang: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d)
}

export function formatDate(ymd: string, lang: string): string {
  const d = new Date(`${ymd}T00:00:00`)
  if (Number.isNaN(d.getTime())) return ymd
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(d)
}
