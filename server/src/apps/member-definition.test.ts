import type { AppDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { memberDefinition } from './member-definition.js'

const definition = {
  key: 'desk',
  name: 'Desk',
  roles: [{ key: 'ops' }],
  forms: [{ key: 'ticket', fields: [{ key: 'type', type: 'text' }] }],
  robots: [
    {
      key: 'ding',
      kind: 'dingtalk',
      url: 'https://oapi.dingtalk.com/robot/send?access_token=T',
      secret: 'S',
    },
  ],
  workflows: [
    {
      key: 'flow',
      form: 'ticket',
      initial: 'open',
      states: [{ key: 'open', onEnter: [{ type: 'webhook', url: 'https://hooks.example.com/a?key=K1' }] }],
      transitions: [
        {
          key: 'ping',
          from: ['open'],
          to: 'open',
          guard: { '==': [{ var: 'type' }, 'webhook'] },
          actions: [{ type: 'webhook', url: 'https://hooks.example.com/b?key=K2', body: { var: 'type' } }],
        },
      ],
    },
  ],
  automations: [
    { key: 'in', trigger: { on: 'webhook', secret: 'a-long-shared-secret' }, actions: [] },
    {
      key: 'out',
      trigger: { on: 'created', form: 'ticket' },
      actions: [{ type: 'webhook', url: 'https://hooks.example.com/c?key=K3' }],
    },
  ],
} as unknown as AppDefinition

describe('memberDefinition', () => {
  const seen = memberDefinition(definition)

  it('blanks every credential: robot URL and secret, webhook URLs, webhook trigger secrets', () => {
    const text = JSON.stringify(seen)
    for (const secret of ['access_token=T', '"S"', 'K1', 'K2', 'K3', 'a-long-shared-secret'])
      expect(text).not.toContain(secret)
    expect(seen.robots).toEqual([{ key: 'ding', kind: 'dingtalk', url: '' }])
    expect(seen.automations?.[0]?.trigger).toEqual({ on: 'webhook', secret: '' })
  })

  it('keeps everything else, conditions included, and leaves the definition it was given alone', () => {
    const transition = seen.workflows?.[0]?.transitions[0]
    expect(transition?.guard).toEqual({ '==': [{ var: 'type' }, 'webhook'] })
    expect(transition?.actions).toEqual([{ type: 'webhook', url: '', body: { var: 'type' } }])
    expect(seen.automations?.[1]?.trigger).toEqual({ on: 'created', form: 'ticket' })
    expect(definition.robots?.[0]?.secret).toBe('S')
    expect(JSON.stringify(definition)).toContain('K2')
  })

  it('adds nothing a definition did not have', () => {
    const bare = { key: 'x', name: 'X', forms: [] } as unknown as AppDefinition
    expect(memberDefinition(bare)).toEqual(bare)
  })
})
