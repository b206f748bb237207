import type { FieldDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { withoutStaleDefault } from './stale-label.js'

const fresh: FieldDefinition = { key: 'text', type: 'text', label: { 'zh-CN': '单行文本', en: 'Text' } }

describe('a new field’s type name as its label', () => {
  it('goes in the other language once one language is written', () => {
    expect(withoutStaleDefault(fresh, { 'zh-CN': '单行文本', en: 'Referral code' })).toEqual({
      en: 'Referral code',
    })
    expect(withoutStaleDefault(fresh, { 'zh-CN': '推荐码', en: 'Text' })).toEqual({ 'zh-CN': '推荐码' })
  })

  it('stays when it was written by hand, or both languages change', () => {
    const named: FieldDefinition = { ...fresh, label: { 'zh-CN': '推荐码', en: 'Code' } }
    expect(withoutStaleDefault(named, { 'zh-CN': '推荐码', en: 'Referral code' })).toEqual({
      'zh-CN': '推荐码',
      en: 'Referral code',
    })
    expect(withoutStaleDefault(fresh, 'Plain')).toBe('Plain')
  })
})
