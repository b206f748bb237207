import { describe, expect, it } from 'vitest'
import type { AppDefinition } from '../app-definition.js'
import { bad, exampleApp } from '../test-support/example-app.js'
import { verifyApp } from '../verify-app.js'
import type { AutomationDefinition } from './automation-definition.js'

/** The example app (lead form + lead_flow) with a contact form linking to leads. */
function appWith(...automations: unknown[]): AppDefinition {
  const app = exampleApp()
  app.forms.push({
    key: 'contact',
    title: 'Contact',
    fields: [
      { key: 'name', type: 'text' },
      { key: 'lead', type: 'relation', target: 'lead' },
      { key: 'met_at', type: 'datetime' },
    ],
  })
  app.automations = automations as AutomationDefinition[]
  return app
}

const found = (app: AppDefinition) => verifyApp(app).errors.map((e) => [e.code, e.path])

describe('automation checks', () => {
  it('accepts each trigger kind and action', () => {
    const app = appWith(
      {
        key: 'welcome',
        trigger: { on: 'created', form: 'lead' },
        actions: [{ type: 'notify', to: { role: 'operations' }, message: 'New lead' }],
      },
      {
        key: 'rescore',
        trigger: { on: 'changed', form: 'lead', fields: ['source'] },
        condition: { '==': [{ var: 'source' }, 'web'] },
        actions: [{ type: 'set', field: 'score', value: 70 }],
      },
      {
        key: 'on_qualified',
        trigger: { on: 'entered', workflow: 'lead_flow', state: 'qualified' },
        actions: [{ type: 'create', form: 'contact', map: { name: { var: 'email' } }, backLink: 'lead' }],
      },
      {
        key: 'weekly',
        trigger: { on: 'schedule', cron: '0 9 * * 1' },
        actions: [
          {
            type: 'notify',
            to: { role: 'operations' },
            message: 'Weekly review',
            summary: {
              period: 'P7D',
              figures: [
                { key: 'new_leads', form: 'lead', groupBy: 'source' },
                { key: 'qualified', form: 'lead', transition: 'qualify' },
                { key: 'rate', ratio: ['qualified', 'new_leads'] },
              ],
            },
          },
          { type: 'update', form: 'lead', where: { '<': [{ var: 'score' }, 10] }, set: { score: 10 } },
        ],
      },
      {
        key: 'idle',
        trigger: {
          on: 'schedule',
          cron: '0 8 * * *',
          each: { form: 'lead', idle: { after: 'P14D', related: [{ form: 'contact', field: 'lead' }] } },
        },
        actions: [{ type: 'transition', transition: 'disqualify' }],
      },
      {
        key: 'inbound',
        trigger: { on: 'webhook', secret: 'a-long-shared-secret' },
        actions: [{ type: 'create', form: 'contact', map: { name: { var: 'name' } } }],
      },
      {
        key: 'chase',
        trigger: { on: 'created', form: 'contact' },
        actions: [{ type: 'transition', record: { var: 'lead' }, transition: 'qualify' }],
      },
    )
    expect(verifyApp(app).errors).toEqual([])
  })

  it('reports unknown forms, fields, workflows, states and transitions with pointers', () => {
    expect(
      found(
        appWith(
          {
            key: 'a',
            trigger: { on: 'created', form: 'leed' },
            actions: [{ type: 'webhook', url: 'https://x.test' }],
          },
          {
            key: 'b',
            trigger: { on: 'changed', form: 'lead', fields: ['sorce'] },
            actions: [{ type: 'set', field: 'nope', value: 1 }],
          },
          {
            key: 'c',
            trigger: { on: 'entered', workflow: 'lead_flw', state: 'new' },
            actions: [{ type: 'webhook', url: 'https://x.test' }],
          },
          {
            key: 'd',
            trigger: { on: 'entered', workflow: 'lead_flow', state: 'qualifed' },
            actions: [{ type: 'transition', transition: 'qualfy' }],
          },
          {
            key: 'e',
            trigger: { on: 'created', form: 'contact' },
            actions: [{ type: 'transition', record: { var: 'name' }, transition: 'qualify' }],
          },
        ),
      ),
    ).toEqual([
      ['unknown_form', '/automations/0/trigger/form'],
      ['unknown_field', '/automations/1/trigger/fields/0'],
      ['unknown_field', '/automations/1/actions/0/field'],
      ['unknown_workflow', '/automations/2/trigger/workflow'],
      ['unknown_state', '/automations/3/trigger/state'],
      ['unknown_transition', '/automations/3/actions/0/transition'],
      ['link_target_mismatch', '/automations/4/actions/0/record'],
    ])
  })

  it('reports a bad cron naming the field, and a duration that is not ISO 8601', () => {
    const result = verifyApp(
      appWith({
        key: 'w',
        trigger: { on: 'schedule', cron: '0 25 * * 1', each: { form: 'lead', idle: { after: '14 days' } } },
        actions: [{ type: 'set', field: 'score', value: 1 }],
      }),
    )
    expect(result.errors.map((e) => [e.code, e.path])).toEqual([
      ['invalid_cron', '/automations/0/trigger/cron'],
      ['invalid_duration', '/automations/0/trigger/each/idle/after'],
    ])
    expect(result.errors[0]?.message.en).toContain('hour field')
  })

  it('asks for a record where a schedule or webhook has none', () => {
    expect(
      found(
        appWith(
          {
            key: 's',
            trigger: { on: 'schedule', cron: '0 9 * * *' },
            actions: [
              { type: 'set', field: 'score', value: 1 },
              { type: 'transition', transition: 'qualify' },
            ],
          },
          {
            key: 'h',
            trigger: { on: 'webhook', secret: 'a-long-shared-secret' },
            actions: [{ type: 'create', form: 'contact', map: { name: 'x' }, link: 'lead' }],
          },
        ),
      ),
    ).toEqual([
      ['automation_needs_record', '/automations/0/actions/0'],
      ['automation_needs_record', '/automations/0/actions/1'],
      ['automation_needs_record', '/automations/1/actions/0/link'],
    ])
  })

  it('reports duplicate keys, computed fields, match and bad figures', () => {
    expect(
      found(
        appWith(
          {
            key: 'x',
            trigger: { on: 'created', form: 'contact' },
            actions: [{ type: 'create', form: 'contact', map: { name: 'n' }, match: ['name'] }],
          },
          {
            key: 'x',
            trigger: { on: 'schedule', cron: '0 9 * * 1' },
            actions: [
              {
                type: 'notify',
                to: { role: 'operations' },
                message: 'm',
                summary: {
                  period: 'P7D',
                  figures: [
                    { key: 'f' },
                    { key: 'g', ratio: ['f', 'zz'] },
                    { key: 'h', form: 'contact', within: 'name' },
                  ],
                },
              },
            ],
          },
        ),
      ),
    ).toEqual([
      ['automation_action_unsupported', '/automations/0/actions/0/match'],
      ['duplicate_key', '/automations/1/key'],
      ['figure_invalid', '/automations/1/actions/0/summary/figures/0'],
      ['figure_invalid', '/automations/1/actions/0/summary/figures/1/ratio/1'],
      ['figure_invalid', '/automations/1/actions/0/summary/figures/2/within'],
    ])
  })

  it('rejects a short webhook secret and an unknown trigger by shape', () => {
    const codes = found(
      appWith(
        {
          key: 'h',
          trigger: { on: 'webhook', secret: 'short' },
          actions: [{ type: 'webhook', url: 'https://x.test' }],
        },
        bad({
          key: 'k',
          trigger: { on: 'sometimes' },
          actions: [{ type: 'webhook', url: 'https://x.test' }],
        }),
      ),
    )
    expect(codes).toContainEqual(['minLength', '/automations/0/trigger/secret'])
    expect(codes).toContainEqual(['enum', '/automations/1/trigger/on'])
  })
})
