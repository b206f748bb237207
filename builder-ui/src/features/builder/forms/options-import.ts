import type { FieldOption } from '@tessera/schemas'
import { keyFromLabel, uniqueKey } from '../logic/key-from-label.js'
import { PLACEHOLDER_OPTIONS } from './new-field.js'

const isPlaceholder = (options: FieldOption[]) =>
  options.length === PLACEHOLDER_OPTIONS.length &&
  options.every((o, i) => JSON.stringify(o) === JSON.stringify(PLACEHOLDER_OPTIONS[i]))

/**
 * A field's options after pasting lines: the pasted ones replace a new field's untouched
 * placeholders (Option 1, Option 2); otherwise they follow the options already there.
 */
export function withPastedOptions(text: string, existing: FieldOption[]): FieldOption[] {
  if (isPlaceholder(existing)) return importOptions(text, [])
  return [...existing, ...importOptions(text, existing)]
}

/**
 * Options from pasted lines (a column copied from a spreadsheet): one per line, `value | label`
 * or just a label whose value is generated. Blank lines and options already present are skipped.
 */
export function importOptions(text: string, existing: FieldOption[]): FieldOption[] {
  const values = new Set(existing.map((o) => o.value))
  const added: FieldOption[] = []
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\t/g, ' ').trim()
    if (!line) continue
    const bar = line.indexOf('|')
    const given = bar >= 0 ? line.slice(0, bar).trim() : ''
    const text = (bar >= 0 ? line.slice(bar + 1) : line).trim()
    if (!text && !given) continue
    // The same text twice is the same option; only a label with no Latin letters gets a numbered value.
    const value = given || keyFromLabel(text, [], '') || uniqueKey(`option_${values.size + 1}`, values)
    if (values.has(value)) continue
    values.add(value)
    added.push({ value, label: /[^\p{ASCII}]/u.test(text) ? { 'zh-CN': text } : { en: text || value } })
  }
  return added
}
