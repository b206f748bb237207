import type { FieldDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { coerceCell } from './coerce-cell.js'
import { mapHeaders } from './map-headers.js'

const empties = new Set(['select'])
const f = (type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  key: 'x',
  type,
  ...extra,
})
const value = (
  cell: Parameters<typeof coerceCell>[0],
  field: FieldDefinition,
  column?: Parameters<typeof coerceCell>[2],
) => coerceCell(cell, field, column, empties)

describe('coerceCell', () => {
  it('treats blank, whitespace and declared placeholders as no value, never "" or 0', () => {
    for (const cell of ['', '   ', '\u00a0', 'Select', 'select', null])
      expect(value(cell, f('integer')), String(cell)).toEqual({ kind: 'empty' })
    expect(value('0', f('integer'))).toEqual({ kind: 'value', value: 0 })
  })

  it('matches options case-insensitively onto the canonical value', () => {
    const source = f('select', {
      options: [
        { value: 'Google' },
        { value: 'Direct Traffic' },
        { value: 'web', label: { en: 'Web form', 'zh-CN': '网页表单' } },
      ],
    })
    expect(value('google', source)).toEqual({ kind: 'value', value: 'Google' })
    expect(value(' direct  traffic ', source)).toEqual({ kind: 'value', value: 'Direct Traffic' })
    expect(value('网页表单', source)).toEqual({ kind: 'value', value: 'web' })
    expect(value('Bing', source)).toMatchObject({ kind: 'error', code: 'option' })
    expect(value('GTXPro', f('text'), { column: 'p', field: 'x', aliases: { GTXPro: 'GTX Pro' } })).toEqual({
      kind: 'value',
      value: 'GTX Pro',
    })
  })

  it('reads Yes/No booleans and refuses anything else', () => {
    expect(value('Yes', f('boolean'))).toEqual({ kind: 'value', value: true })
    expect(value('No', f('boolean'))).toEqual({ kind: 'value', value: false })
    expect(value('maybe', f('boolean'))).toMatchObject({ kind: 'error', code: 'boolean' })
  })

  it('keeps decimals exact and big integers as strings', () => {
    expect(value('2.50', f('money'))).toEqual({ kind: 'value', value: '2.50' })
    expect(value(0.1 + 0.2, f('number'))).toEqual({ kind: 'value', value: '0.3' })
    expect(value('9007199254740993', f('integer'))).toEqual({ kind: 'value', value: '9007199254740993' })
    expect(value('12abc', f('number'))).toMatchObject({ kind: 'error', code: 'number' })
  })

  it('reads ISO dates, Excel date serials and declared day-first dates', () => {
    expect(value('2017-03-01', f('date'))).toEqual({ kind: 'value', value: '2017-03-01' })
    expect(value(45_322, f('date'))).toEqual({ kind: 'value', value: '2024-01-31' })
    expect(value('45322', f('date'))).toEqual({ kind: 'value', value: '2024-01-31' })
    expect(value('31/01/2024', f('date'), { column: 'd', field: 'x', dateFormat: 'DD/MM/YYYY' })).toEqual({
      kind: 'value',
      value: '2024-01-31',
    })
    expect(value('2024-02-30', f('date'))).toMatchObject({ kind: 'error', code: 'date' })
    expect(value('2024-01-31 10:00', f('datetime'))).toMatchObject({ kind: 'error', code: 'datetime' })
    expect(value('2024-01-31T10:00:00+08:00', f('datetime'))).toEqual({
      kind: 'value',
      value: '2024-01-31T02:00:00.000Z',
    })
  })
})

describe('mapHeaders', () => {
  it('C6: maps " email ", Email and 邮箱 to the email field by normalized key or label', () => {
    const form = {
      key: 'lead',
      title: 'Lead',
      fields: [
        { key: 'email', type: 'email' as const, label: { en: 'Email', 'zh-CN': '邮箱' } },
        { key: 'company', type: 'text' as const, label: 'Company' },
        { key: 'score', type: 'formula' as const, expression: 1 },
      ],
    }
    for (const h of [' email ', 'Email', 'EMAIL', '邮箱', 'e-mail'.replace('-', '')])
      expect(mapHeaders([h], form).columns[0], h).toEqual([{ column: h, field: 'email' }])
    const m = mapHeaders(['First Name', 'company', 'score'], form)
    expect(m.unmapped).toEqual(['First Name', 'score'])
  })
})

describe('coerceCell on a formula-protected cell (what Tessera exports)', () => {
  it('drops the one apostrophe before = + - @ tab or CR, for every field type', () => {
    expect(value("'+86 138 0013 8000", f('phone'))).toEqual({ kind: 'value', value: '+86 138 0013 8000' })
    expect(value("'=SUM(A1)", f('text'))).toEqual({ kind: 'value', value: '=SUM(A1)' })
    expect(value("'@home", f('textarea'))).toEqual({ kind: 'value', value: '@home' })
    expect(value("'-1.5e2", f('number'))).toEqual({ kind: 'value', value: '-150' })
    expect(value("'+3", f('integer'))).toEqual({ kind: 'value', value: 3 })
  })

  it('keeps an apostrophe that protects nothing, and only ever drops one', () => {
    expect(value("O'Brien", f('text'))).toEqual({ kind: 'value', value: "O'Brien" })
    expect(value("'quoted'", f('text'))).toEqual({ kind: 'value', value: "'quoted'" })
    expect(value("''=x", f('text'))).toEqual({ kind: 'value', value: "''=x" })
  })
})
