import { messageFor } from '@tessera/schemas'
import type { Language } from '../../i18n/label.js'
import type { FieldIssue } from './logic/validate-form.js'

/**
 * Browser-side issues as messages per path, worded by the server's own message code (schemas'
 * `messageFor`: "Expected amount must be at least 0."), so a field says the same in the record
 * form, a transition's dialog and the server's refusal, in the UI language.
 */
export function issuesToErrors(
  issues: FieldIssue[],
  lang: Language,
  fieldLabel: (path: string) => string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const i of issues) {
    const name = fieldLabel(i.path)
    const msg = messageFor(i.code, { en: name, 'zh-CN': name }, i.params)[lang]
    const list = out[i.path] ?? []
    if (!list.includes(msg)) list.push(msg)
    out[i.path] = list
  }
  return out
}
