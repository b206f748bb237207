import type { MessageKey } from '../../i18n/en.js'
import type { FieldIssue } from './logic/validate-form.js'

type T = (key: MessageKey, values?: Record<string, string | number>) => string

const keys: Record<FieldIssue['code'], MessageKey> = {
  required: 'form.required',
  minLength: 'validation.minLength',
  maxLength: 'validation.maxLength',
  minimum: 'validation.minimum',
  maximum: 'validation.maximum',
  pattern: 'validation.pattern',
  format: 'validation.format',
  enum: 'validation.enum',
}

/** Browser-side issues as messages per path, worded like the server's, in the UI language. */
export function issuesToErrors(
  issues: FieldIssue[],
  t: T,
  fieldLabel: (path: string) => string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const i of issues) {
    const msg = t(keys[i.code], { ...i.params, field: fieldLabel(i.path) })
    const list = out[i.path] ?? []
    if (!list.includes(msg)) list.push(msg)
    out[i.path] = list
  }
  return out
}
