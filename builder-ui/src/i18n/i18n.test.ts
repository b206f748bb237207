import { describe, expect, it } from 'vitest'
import { formatDecimal, formatMoney, parseDecimalInput } from './format.js'
import { en } from './en.js'
import { browserLanguage, interpolate, localize } from './label.js'
import { zhCN } from './zh-CN.js'

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('i18n', () => {
  it('every message has a zh-CN translation with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zhCN[key], key).toBeTruthy()
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]))
    }
  })

  it('user labels fall back from zh-CN to en to the first one written', () => {
    expect(localize({ en: 'Lead', 'zh-CN': '线索' }, 'zh-CN')).toBe('线索')
    expect(localize({ en: 'Lead' }, 'zh-CN')).toBe('Lead')
    expect(localize({ fr: 'Piste' }, 'en')).toBe('Piste')
    expect(localize(undefined, 'en', 'key')).toBe('key')
    expect(browserLanguage(['zh-TW', 'en'])).toBe('zh-CN')
    expect(browserLanguage(['de'])).toBe('en')
    expect(interpolate('{n} of {m}', { n: 1 })).toBe('1 of {m}')
  })

  it('C5: money keeps every digit and groups thousands without a float', () => {
    expect(formatDecimal('12345678901.23', 'en')).toBe('12,345,678,901.23')
    expect(formatDecimal('9007199254740993', 'en')).toBe('9,007,199,254,740,993')
    expect(formatMoney('1234.5', 'CNY', 'zh-CN')).toBe('¥1,234.50')
    expect(formatMoney('-0.3', 'USD', 'en')).toBe('-$0.30')
    expect(formatMoney('-1234567.5', 'CNY', 'zh-CN')).toBe('-¥1,234,567.50')
    expect(formatMoney('1234.5', 'EUR', 'de')).toBe('1.234,50\u00a0€')
    expect(formatMoney('12', 'JPY', 'en', 0)).toBe('¥12')
    expect(formatMoney('1.5', 'NOPE1', 'en')).toBe('NOPE1 1.50')
    expect(parseDecimalInput('1,234.50', 'en')).toBe('1234.50')
  })
})
