import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseJsonText } from './json-text.js'

describe('parseJsonText', () => {
  it('parses valid JSON, with or without a BOM', () => {
    expect(parseJsonText('{"a": [1, true, null, "x"]}')).toEqual({
      ok: true,
      value: { a: [1, true, null, 'x'] },
    })
    expect(parseJsonText('\ufeff{"a": 1}')).toEqual({ ok: true, value: { a: 1 } })
  })

  it('names the line and column of a missing comma', () => {
    const result = parseJsonText('{\n  "a": 1\n  "b": 2\n}')
    expect(result).toMatchObject({ ok: false, line: 3, column: 3 })
  })

  it('names the line and column of a trailing comma', () => {
    expect(parseJsonText('[1,\n 2,\n]')).toMatchObject({ ok: false, line: 3, column: 1 })
  })

  it('reports an unterminated string and truncated input', () => {
    expect(parseJsonText('{"a": "b')).toMatchObject({ ok: false, line: 1, message: 'unterminated string' })
    expect(parseJsonText('{"a": ')).toMatchObject({
      ok: false,
      line: 1,
      column: 7,
      message: 'unexpected end of input',
    })
    expect(parseJsonText('')).toMatchObject({ ok: false, line: 1, column: 1 })
  })

  it('agrees with JSON.parse on what is valid', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        let valid = true
        try {
          JSON.parse(text)
        } catch {
          valid = false
        }
        expect(parseJsonText(text).ok).toBe(valid || text.charCodeAt(0) === 0xfeff)
      }),
    )
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(parseJsonText(JSON.stringify(value)).ok).toBe(true)
      }),
    )
  })
})
