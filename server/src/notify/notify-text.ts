import type { Label } from '@tessera/schemas'

export type Language = 'en' | 'zh-CN'

/** A notify message as text in one language: a title line, the summary's lines, a link to its record. */
export interface NotifyText {
  title: string
  lines: string[]
  /** the record's page, when the message is about one and the server knows its public address */
  link?: string
}

const labelIn = (label: unknown, lang: Language): string => {
  if (typeof label === 'string') return label
  if (label && typeof label === 'object') {
    const l = label as Record<string, string>
    return l[lang] ?? l.en ?? l['zh-CN'] ?? Object.values(l)[0] ?? ''
  }
  return ''
}

/** The languages a message has text in: both when its label (or its summary) is written in both. */
export function languagesOf(payload: Record<string, unknown>): Language[] {
  const message = payload.message as Label | undefined
  if (
    message &&
    typeof message === 'object' &&
    message.en &&
    message['zh-CN'] &&
    message.en !== message['zh-CN']
  )
    return ['en', 'zh-CN']
  if (message && typeof message === 'object' && !message.en && message['zh-CN']) return ['zh-CN']
  return ['en']
}

/** One language's text of an outbox `notify` payload (`message`, and `lines` when it has a summary). */
export function notifyText(payload: Record<string, unknown>, lang: Language, baseUrl?: string): NotifyText {
  const lines = payload.lines as Partial<Record<Language, string[]>> | undefined
  const recordId = typeof payload.recordId === 'string' ? payload.recordId : null
  return {
    title: labelIn(payload.message, lang),
    lines: lines?.[lang] ?? lines?.en ?? [],
    ...(recordId && baseUrl ? { link: `${baseUrl.replace(/\/+$/, '')}/records/${recordId}` } : {}),
  }
}

/** Every language of the message, one block after another, as plain text. */
export function plainText(
  payload: Record<string, unknown>,
  baseUrl?: string,
): { subject: string; text: string } {
  const blocks = languagesOf(payload).map((lang) => notifyText(payload, lang, baseUrl))
  const subject = blocks.map((b) => b.title).join(' / ')
  const text = blocks
    .map((b) => [b.title, ...(b.lines.length ? ['', ...b.lines] : [])].join('\n'))
    .join('\n\n')
  const link = blocks[0]?.link
  return { subject, text: `${text}${link ? `\n\n${link}` : ''}\n` }
}
