import { describe, expect, it } from 'vitest'
import { KEY_PATTERN, keyFromLabel, uniqueKey } from './key-from-label.js'

describe('keyFromLabel', () => {
  it('joins the words of an English label with underscores', () => {
    expect(keyFromLabel('Serial Number', [])).toBe('serial_number')
    expect(keyFromLabel({ 'zh-CN': '报修时间', en: 'Reported at' }, [])).toBe('reported_at')
  })

  it('strips accents and punctuation and splits camelCase', () => {
    expect(keyFromLabel('Café — Owner’s e-mail', [])).toBe('cafe_owner_s_e_mail')
    expect(keyFromLabel('dueDate', [])).toBe('due_date')
  })

  it('never starts with a digit', () => {
    expect(keyFromLabel('2nd contact', [])).toBe('f_2nd_contact')
  })

  it('falls back when the label has no Latin letters', () => {
    expect(keyFromLabel({ 'zh-CN': '设备' }, [], 'field')).toBe('field')
    expect(keyFromLabel('设备', ['field'], 'field')).toBe('field_2')
    expect(keyFromLabel(undefined, [], 'state')).toBe('state')
  })

  it('adds a suffix until the key is free', () => {
    expect(keyFromLabel('Name', ['name', 'name_2'])).toBe('name_3')
    expect(uniqueKey('x', [])).toBe('x')
  })

  it('always produces a key the format accepts', () => {
    for (const label of ['', '!!!', 'A', 'Über Größe', '_x_', 'a'.repeat(100)]) {
      expect(keyFromLabel(label, [])).toMatch(KEY_PATTERN)
    }
    expect(keyFromLabel('a'.repeat(100), []).length).toBeLessThanOrEqual(48)
  })
})
