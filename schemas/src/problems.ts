import type { LocalizedMessage, Problem } from './app-definition.js'

/** The pointer of the whole document: DESIGN.md fixes it as `/` (never the empty string). */
export const ROOT_POINTER = '/'

const escapeSegment = (segment: string | number) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1')

/** A JSON pointer (RFC 6901) from path segments; no segments gives the root, `/`. */
export function pointer(...segments: (string | number)[]): string {
  return segments.length === 0 ? ROOT_POINTER : `/${segments.map(escapeSegment).join('/')}`
}

/** Appends segments to a pointer, treating the root `/` as empty. */
export function childPointer(parent: string, ...segments: (string | number)[]): string {
  const base = parent === ROOT_POINTER ? '' : parent
  return segments.length === 0 ? parent : `${base}/${segments.map(escapeSegment).join('/')}`
}

export const localized = (zh: string, en: string): LocalizedMessage => ({ 'zh-CN': zh, en })

export const problem = (path: string, code: string, message: LocalizedMessage): Problem => ({
  path: path === '' ? ROOT_POINTER : path,
  code,
  message,
})

export type MessageLanguage = keyof LocalizedMessage

/** One line of `tessera check`: `<json-pointer>: <code>: <message>`. */
export const formatProblem = (p: Problem, lang: MessageLanguage = 'en') =>
  `${p.path}: ${p.code}: ${p.message[lang]}`

/** Quotes a user value for a message: short, single line. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  const short =
    (text ?? String(value)).length > 60 ? `${(text ?? '').slice(0, 57)}...` : (text ?? String(value))
  return `'${short}'`
}
