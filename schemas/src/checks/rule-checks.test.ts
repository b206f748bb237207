import { describe, expect, it } from 'vitest'
import type { AppDefinition, FormRule } from '../app-definition.js'
import { verifyApp } from '../verify-app.js'

const appWith = (rules: unknown): AppDefinition =>
  ({
    key: 'crm',
    name: 'CRM',
    roles: [{ key: 'sales' }],
    forms: [
      {
        key: 'lead',
        title: 'Lead',
        fields: [
          { key: 'name', type: 'text' },
          { key: 'email', type: 'email' },
        ],
        rules,
      },
    ],
  }) as AppDefinition

const reachable: FormRule = {
  key: 'reachable',
  field: 'name',
  check: { or: [{ var: 'name' }, { var: 'email' }] },
  message: { en: 'Give a name or an e-mail.', 'zh-CN': '请填写姓名或电子邮箱。' },
}
const found = (app: AppDefinition) => verifyApp(app).errors.map((e) => [e.code, e.path])

describe('form rules in the verifier', () => {
  it('a rule over the form’s fields verifies', () => {
    expect(verifyApp(appWith([reachable]))).toMatchObject({ ok: true, errors: [] })
  })

  it('a repeated key, an unknown field to show it on and an unknown field in its check are each reported where they are', () => {
    const problems = found(
      appWith([
        reachable,
        { ...reachable, field: 'nmae' },
        { ...reachable, key: 'other', check: { '!!': { var: 'phone' } } },
      ]),
    )
    expect(problems).toEqual(
      expect.arrayContaining([
        ['duplicate_key', '/forms/0/rules/1/key'],
        ['unknown_field', '/forms/0/rules/1/field'],
        ['unknown_field', '/forms/0/rules/2/check/!!/var'],
      ]),
    )
    expect(problems).toHaveLength(3)
  })

  it('a rule without a message or a check is a shape problem', () => {
    const problems = found(
      appWith([
        { key: 'bare', check: true },
        { key: 'mute', message: 'x' },
      ]),
    )
    // the missing property is named where it belongs
    expect(problems).toEqual([
      ['required', '/forms/0/rules/0/message'],
      ['required', '/forms/0/rules/1/check'],
    ])
  })
})
