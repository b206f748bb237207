import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { addFormKeywords } from './form-keywords.js'

// The browser registers these keywords on its own ajv; this is that ajv.
const ajv = addFormKeywords(new Ajv2020({ strict: true, allowUnionTypes: true }))
const check = (schema: object, data: unknown) => ajv.validate(schema, data)

describe('addFormKeywords', () => {
  it('tesseraDecimal checks scale and range exactly, on numbers and numeric strings', () => {
    const money = { type: ['number', 'string'], tesseraDecimal: { scale: 2, min: '0', max: '9999999999.99' } }
    expect(check(money, '12345678901.23')).toBe(false)
    expect(check(money, '1234567890.23')).toBe(true)
    expect(check(money, 0.1 + 0.2)).toBe(false)
    expect(check(money, '0.30')).toBe(true)
    expect(check(money, -0.01)).toBe(false)
  })
  it('tesseraDecimal integer refuses fractions and JSON numbers beyond 2^53', () => {
    const integer = { type: ['integer', 'string'], tesseraDecimal: { integer: true } }
    expect(check(integer, '9007199254740993')).toBe(true)
    // biome-ignore lint/correctness/noPrecisionLoss: already rounded before anyone could check it
    expect(check(integer, 9007199254740993)).toBe(false)
    expect(check(integer, '1.5')).toBe(false)
  })
  it('tesseraTemporal checks real dates, instants with offsets, and ranges', () => {
    const date = { type: 'string', tesseraTemporal: { kind: 'date', min: '2020-01-01' } }
    expect(check(date, '2024-02-29')).toBe(true)
    expect(check(date, '2026-02-29')).toBe(false)
    expect(check(date, '2019-12-31')).toBe(false)
    const instant = { type: 'string', tesseraTemporal: { kind: 'datetime', max: '2026-01-01T00:00:00Z' } }
    expect(check(instant, '2026-01-01T07:59:59+08:00')).toBe(true)
    expect(check(instant, '2026-01-01T08:00:01+08:00')).toBe(false)
    expect(check(instant, '2025-06-01T10:00:00')).toBe(false)
  })
  it('tesseraLogic evaluates a condition over the object, empty values absent', () => {
    const schema = {
      type: 'object',
      if: { type: 'object', tesseraLogic: { logic: { var: 'flag' }, onError: true } },
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
      then: { properties: { name: { type: 'string' } }, required: ['name'] },
    }
    expect(check(schema, { flag: true })).toBe(false)
    expect(check(schema, { flag: true, name: 'x' })).toBe(true)
    expect(check(schema, { flag: ' ' })).toBe(true)
    const failing = { type: 'object', tesseraLogic: { logic: { '*': [{ var: 'a' }, 2] }, onError: false } }
    expect(check(failing, { a: 'abc' })).toBe(false)
  })
})
