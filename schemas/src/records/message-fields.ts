import type { FieldDefinition, FormDefinition, Label } from '../app-definition.js'

type Language = 'en' | 'zh-CN'
const LANGUAGES: readonly Language[] = ['en', 'zh-CN']
const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g

/** A label in one language, else its English, else undefined. */
export const labelIn = (label: Label | undefined, lang: Language): string | undefined =>
  label === undefined ? undefined : typeof label === 'string' ? label : (label[lang] ?? label.en)

/** A field's value as a person reads it in one language: an option's label, yes/no, the text. */
function shown(field: FieldDefinition, value: unknown, lang: Language): string {
  if (value === undefined || value === null) return ''
  const option = (v: unknown) => labelIn(field.options?.find((o) => o.value === v)?.label, lang) ?? String(v)
  if (Array.isArray(value)) return value.map(option).join(lang === 'en' ? ', ' : '、')
  if (field.options) return option(value)
  if (typeof value === 'boolean') return lang === 'en' ? (value ? 'yes' : 'no') : value ? '是' : '否'
  if (typeof value === 'object') return ''
  return String(value)
}

/**
 * What an empty field leaves behind: no double space, no space before a colon or comma
 * (`lead 619884 : x` -> `lead 619884: x`), no separator at the end (`No budget — ` -> `No budget`).
 */
const tidy = (text: string) =>
  text
    .replace(/ {2,}/g, ' ')
    .replace(/ +([:：,，;；.。!！?？)）])/g, '$1')
    .replace(/[\s:：,，;；—–-]+$/u, '')
    .trim()

/**
 * A notify message with `{field}` replaced by the record's values, in each language the message has
 * (`Sales returned lead {name}: {return_reason}` -> `Sales returned lead Ada: No budget`). A key the
 * form lacks stays as written; an empty field reads as nothing. Messages without a placeholder come
 * back as they were.
 */
export function fillMessage(
  message: Label,
  form: FormDefinition | undefined,
  data: Record<string, unknown>,
): Label {
  const fields = new Map((form?.fields ?? []).map((f) => [f.key, f]))
  const fill = (text: string, lang: Language) => {
    let filled = false
    const out = text.replace(PLACEHOLDER, (whole, key: string) => {
      const field = fields.get(key)
      if (!field) return whole
      filled = true
      return shown(field, data[key], lang)
    })
    return filled ? tidy(out) : out
  }
  if (typeof message === 'string') return fill(message, 'en')
  const out: Record<string, string> = { ...message }
  for (const [lang, text] of Object.entries(message))
    out[lang] = fill(text, (LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : 'en')
  return out
}
