import { describe, expect, it } from 'vitest'
import { newField } from './new-field.js'

describe('a new money field’s currency', () => {
  it('is the one the app already uses, else the builder language’s', () => {
    const form = { key: 'f', title: 'F', fields: [{ key: 'a', type: 'text' as const }] }
    expect(newField('money', 'Price', [], { form, app: { forms: [form] }, lang: 'en' }).currency).toBe('USD')
    expect(newField('money', 'Price', [], { form, app: { forms: [form] }, lang: 'zh-CN' }).currency).toBe(
      'CNY',
    )
    const priced = { ...form, fields: [{ key: 'p', type: 'money' as const, currency: 'EUR' }] }
    expect(newField('money', 'Price', [], { form, app: { forms: [priced] }, lang: 'zh-CN' }).currency).toBe(
      'EUR',
    )
  })
})
