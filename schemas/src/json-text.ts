/** The result of reading JSON text: the value, or where and why the syntax breaks (1-based line/column). */
export type JsonTextResult =
  | { ok: true; value: unknown }
  | { ok: false; line: number; column: number; offset: number; message: string }

class SyntaxStop extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Finds the first syntax error of `text`. Node 20's JSON.parse often names no position
 * ("Unexpected token '}', ... is not valid JSON"), so this small scanner locates it instead.
 */
function locateSyntaxError(text: string): SyntaxStop {
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const fail = (message: string): never => {
    throw new SyntaxStop(i, message)
  }
  const expect = (word: string) => {
    if (text.startsWith(word, i)) i += word.length
    else fail(`expected ${word}`)
  }
  const string = () => {
    i++ // opening quote
    while (i < text.length) {
      const c = text[i]!
      if (c === '"') {
        i++
        return
      }
      if (c === '\\') {
        const e = text[i + 1]
        if (e === 'u') {
          i++
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('bad \\u escape')
          i += 5
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2
        else {
          i++
          fail('bad escape')
        }
      } else if (c < ' ') fail('control character in string')
      else i++
    }
    fail('unterminated string')
  }
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))
    if (!m || m[0] === '-') fail('bad number')
    i += m![0].length
  }
  const value = (): void => {
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      ws()
      if (text[i] === '}') {
        i++
        return
      }
      for (;;) {
        ws()
        if (text[i] !== '"') fail('expected a property name in double quotes')
        string()
        ws()
        if (text[i] !== ':') fail("expected ':'")
        i++
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === '}') {
          i++
          return
        } else fail("expected ',' or '}'")
      }
    }
    if (c === '[') {
      i++
      ws()
      if (text[i] === ']') {
        i++
        return
      }
      for (;;) {
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === ']') {
          i++
          return
        } else fail("expected ',' or ']'")
      }
    }
    if (c === '"') {
      string()
      return
    }
    if (c === 't') {
      expect('true')
      return
    }
    if (c === 'f') {
      expect('false')
      return
    }
    if (c === 'n') {
      expect('null')
      return
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      number()
      return
    }
    fail(c === undefined ? 'unexpected end of input' : `unexpected character '${c}'`)
  }
  try {
    value()
    ws()
    if (i < text.length) fail('unexpected text after the JSON value')
  } catch (e) {
    if (e instanceof SyntaxStop) return e
    throw e
  }
  return new SyntaxStop(0, 'invalid JSON')
}

/** Parses JSON text (a leading UTF-8 BOM is allowed), reporting the line and column of a syntax error. */
export function parseJsonText(raw: string): JsonTextResult {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    const stop = locateSyntaxError(text)
    const before = text.slice(0, stop.offset)
    const line = before.split('\n').length
    const column = stop.offset - before.lastIndexOf('\n')
    return { ok: false, line, column, offset: stop.offset, message: stop.message }
  }
}
