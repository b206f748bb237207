import { describe, expect, it } from 'vitest'
import { en } from '../../../i18n/en.js'
import { zhCN } from '../../../i18n/zh-CN.js'
import { propertyName } from './property-name.js'

describe('propertyName', () => {
  it('names a known property in the admin language and leaves an unknown one as code', () => {
    expect(propertyName('label', (key) => zhCN[key])).toBe('名称')
    expect(propertyName('visibleWhen', (key) => en[key])).toBe('Shown when')
    expect(propertyName('currency', (key) => zhCN[key])).toBe('currency')
  })
})
