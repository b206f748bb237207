import type { LocalizedMessage } from '@tessera/schemas'

export type Locale = keyof LocalizedMessage

/**
 * The language a request asked for: zh-CN when its Accept-Language prefers any Chinese
 * variant over English, else en. Quality values are honoured; unknown tags are skipped.
 */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'en'
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      const quality = q ? Number(q.slice(2)) : 1
      return { tag: tag.toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index }
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN'
    if (tag === 'en' || tag.startsWith('en-')) return 'en'
  }
  return 'en'
}

/** Both languages of one message, so no text reaches a user in one language only. */
export const msg = (en: string, zh: string): LocalizedMessage => ({ en, 'zh-CN': zh })
