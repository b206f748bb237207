import type { FastifyInstance } from 'fastify'
import { fail } from '../http-errors.js'

/** Deeper than any definition or record needs; deeper input is refused before JSON.parse sees it. */
export const MAX_JSON_DEPTH = 64

/** Nesting depth of a JSON text, counted outside strings, so `"[[["` inside a value is not depth. */
export function jsonDepth(text: string): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92)
        i++ // backslash: skip the escaped character
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 || c === 91) max = Math.max(max, ++depth)
    else if (c === 125 || c === 93) depth--
  }
  return max
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/** JSON bodies: depth-limited, prototype-poisoning keys refused, empty body allowed as absent. */
export function registerJsonBodyParser(app: FastifyInstance) {
  app.removeContentTypeParser('application/json')
  // fastify reads text/plain as a string by default, which the body schema then words as "must be
  // object" (400); this API takes JSON (and uploads as multipart): anything else is a 415
  app.removeContentTypeParser('text/plain')
  app.addContentTypeParser(
    ['application/json', 'application/merge-patch+json'],
    { parseAs: 'buffer' },
    (_request, body, done) => {
      let text: string
      try {
        // fatal: a byte sequence that is not UTF-8 is refused, never stored as U+FFFD.
        text = utf8.decode(typeof body === 'string' ? Buffer.from(body) : body)
      } catch {
        return done(fail('BAD_REQUEST', 'The body is not valid UTF-8', '请求体不是有效的 UTF-8'), undefined)
      }
      if (text.trim() === '') return done(null, undefined)
      if (jsonDepth(text) > MAX_JSON_DEPTH)
        return done(
          fail(
            'BAD_REQUEST',
            `JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
            `JSON 嵌套超过 ${MAX_JSON_DEPTH} 层`,
          ),
          undefined,
        )
      try {
        done(
          null,
          JSON.parse(text, (key, value) => {
            if (key === '__proto__' || key === 'constructor')
              throw fail('BAD_REQUEST', `Forbidden key "${key}" in JSON`, `JSON 中不允许键 "${key}"`)
            return value
          }),
        )
      } catch (err) {
        done(
          err instanceof Error && err.name === 'TesseraError'
            ? err
            : fail('BAD_REQUEST', 'The body is not valid JSON', '请求体不是有效的 JSON'),
          undefined,
        )
      }
    },
  )
}
