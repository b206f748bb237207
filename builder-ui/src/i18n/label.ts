import type { Label, LocalizedMessage } from '@tessera/schemas'

/** A user-authored label, or a server message that exists in both languages. */
export type LabelLike = Label | LocalizedMessage

export type Language = 'en' | 'zh-CN'
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en']

/**
 * A user-authored label in the reader's language: the exact locale, then its base language, then
 * English, then whatever the author wrote first. Returned as plain text; React escapes it.
 */
export function localize(value: LabelLike | undefined | null, lang: Language, fallback = ''): string {
  if (value === undefined || value === null) return fallback
  if (typeof value === 'string') return value
  const byLang: Partial<Record<string, string>> = Object.fromEntries(Object.entries(value))
  const base = lang.split('-')[0] ?? lang
  return byLang[lang] ?? byLang[base] ?? byLang.en ?? byLang['zh-CN'] ?? Object.values(byLang)[0] ?? fallback
}

/** Narrows a label that arrived as `unknown` on the wire (e.g. a transition's label). */
export function asLabel(v: unknown): Label | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string'))
    return v as Record<string, string>
  return undefined
}

/** The language the browser prefers, among the two we speak. */
export function browserLanguage(languages: readonly string[]): Language {
  for (const l of languages) {
    if (l.toLowerCase().startsWith('zh')) return 'zh-CN'
    if (l.toLowerCase().startsWith('en')) return 'en'
  }
  return 'en'
}

/** Replaces `{name}` placeholders; a missing value leaves the placeholder visible, not blank. */
export function interpolate(template: string, values?: Record<string, string | number>): string {
  if (!values) return template
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m))
}
