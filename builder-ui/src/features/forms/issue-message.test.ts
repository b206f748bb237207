import type { FormDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { issuesToErrors } from './issue-message.js'
import { evaluateForm } from './logic/form-logic.js'
import { validateForm } from './logic/validate-form.js'

const won: FormDefinition = {
  key: 'opportunity',
  title: 'Opportunity',
  fields: [
    { key: 'close_value', type: 'money', label: { en: 'Close value', 'zh-CN': '成交金额' }, min: 0 },
    { key: 'seats', type: 'integer', label: 'Seats' },
    { key: 'share', type: 'percent', decimals: 1 },
  ],
}
const names: Record<string, Record<'en' | 'zh-CN', string>> = {
  close_value: { en: 'Close value', 'zh-CN': '成交金额' },
  seats: { en: 'Seats', 'zh-CN': '席位' },
  share: { en: 'Share', 'zh-CN': '占比' },
}
const errorsOf = (data: Record<string, unknown>, lang: 'en' | 'zh-CN' = 'en') =>
  issuesToErrors(validateForm(won, evaluateForm(won, data)), lang, (p) => names[p]?.[lang] ?? p)

describe('browser-side field messages (record form and transition dialog)', () => {
  it("name the field as the server's messages do", () => {
    expect(errorsOf({ close_value: -500 })).toEqual({ close_value: ['Close value must be at least 0.'] })
    expect(errorsOf({ close_value: '-500' }, 'zh-CN')).toEqual({ close_value: ['成交金额不能小于 0。'] })
  })

  it('catch too many decimals: money keeps 2 unless it says otherwise, a percent its own', () => {
    expect(errorsOf({ close_value: '12345.678' })).toEqual({
      close_value: ['Close value allows at most 2 decimal places (it has 3).'],
    })
    expect(errorsOf({ close_value: '12345.67', share: '12.25' })).toEqual({
      share: ['Share allows at most 1 decimal places (it has 2).'],
    })
    expect(errorsOf({ seats: '2.5' })).toEqual({ seats: ['Seats must be a whole number.'] })
    expect(errorsOf({ close_value: 'abc' })).toEqual({
      close_value: ['Close value must be a number such as 1234.5.'],
    })
  })
})
