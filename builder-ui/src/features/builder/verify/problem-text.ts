import type { Problem } from '@tessera/schemas'

/** A finding's message in the reader's language; a server that sent one string is shown as is. */
export function problemText(problem: Problem, lang: 'en' | 'zh-CN'): string {
  const message: unknown = problem.message
  if (typeof message === 'string') return message
  if (message && typeof message === 'object') {
    const texts = message as Record<string, unknown>
    const text = texts[lang] ?? texts.en ?? texts['zh-CN']
    if (typeof text === 'string') return text
  }
  return problem.code
}
