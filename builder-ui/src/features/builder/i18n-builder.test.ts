import { describe, expect, it } from 'vitest'
import { builderEn } from './i18n-builder-en.js'
import { builderZhCN } from './i18n-builder-zh-CN.js'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('builder messages', () => {
  it('has a zh-CN text for every key, and no key zh-CN has alone', () => {
    expect(Object.keys(builderZhCN).sort()).toEqual(Object.keys(builderEn).sort())
    for (const [key, text] of Object.entries(builderZhCN)) expect(text.trim(), key).not.toBe('')
  })

  it('keeps the same placeholders in both languages', () => {
    for (const key of Object.keys(builderEn) as (keyof typeof builderEn)[]) {
      expect(placeholders(builderZhCN[key]), key).toEqual(placeholders(builderEn[key]))
    }
  })

  it('translates: zh-CN texts are not English left in place', () => {
    // Product words and codes read the same in both languages.
    const same = new Set([
      'builder.common.json',
      'builder.condition.json',
      'builder.expr.json',
      'builder.robots.kind.slack',
    ])
    const untranslated = (Object.keys(builderEn) as (keyof typeof builderEn)[]).filter(
      (key) => !same.has(key) && builderZhCN[key] === builderEn[key],
    )
    expect(untranslated).toEqual([])
  })

  it('names every key under builder.', () => {
    expect(Object.keys(builderEn).filter((key) => !key.startsWith('builder.'))).toEqual([])
  })
})
