import type { FieldDefinition, Label } from '@tessera/schemas'
import { bothLanguages } from '../common/both-languages.js'
import { typeLabelKey } from '../common/type-label.js'

/**
 * A new field is labelled with its type's name in both languages. Once the admin writes a label in
 * one language, the other one's type name ("单行文本" beside "Referral code") is no label: it goes,
 * and the field reads as what was written until that language is filled in too.
 */
export function withoutStaleDefault(field: FieldDefinition, next: Label | undefined): Label | undefined {
  if (!next || typeof next !== 'object' || typeof field.label !== 'object' || !field.label) return next
  const typeName = bothLanguages(typeLabelKey(field.type)) as Record<string, string>
  const before = field.label as Record<string, string | undefined>
  const out: Record<string, string | undefined> = { ...next }
  for (const [mine, other] of [
    ['en', 'zh-CN'],
    ['zh-CN', 'en'],
  ] as const) {
    const changed = out[mine] !== before[mine]
    if (
      changed &&
      out[other] !== undefined &&
      out[other] === before[other] &&
      before[other] === typeName[other]
    )
      delete out[other]
  }
  const kept = Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >
  return Object.keys(kept).length > 0 ? kept : undefined
}
