import { describe, expect, it } from 'vitest'
import { verifyApp } from '@tessera/schemas'
import { crmImportProfiles, crmTemplate, templates } from '../index.js'

const form = (key: string) => crmTemplate.forms.find((f) => f.key === key)
const workflowOf = (formKey: string) => crmTemplate.workflows?.find((w) => w.form === formKey)

describe('CRM template', () => {
  it('is listed first among the shipped templates with both profiles', () => {
    expect(templates[0]?.key).toBe('crm')
    expect(templates[0]?.profiles.map((p) => p.key).sort()).toEqual(['crm-pipeline', 'leads-education'])
  })

  it('labels every form and field in zh-CN and en', () => {
    for (const f of crmTemplate.forms) {
      expect(f.title, f.key).toMatchObject({ 'zh-CN': expect.any(String), en: expect.any(String) })
      for (const field of f.fields)
        expect(field.label, `${f.key}.${field.key}`).toMatchObject({
          'zh-CN': expect.any(String),
          en: expect.any(String),
        })
    }
  })

  it('declares the lead handoff states and the 24h SLA timer that escalates', () => {
    const lead = workflowOf('lead')
    expect(lead?.states.map((s) => s.key)).toEqual([
      'new',
      'nurturing',
      'qualified',
      'handed_off',
      'accepted',
      'converted',
      'disqualified',
    ])
    expect(lead?.timers).toEqual([{ state: 'handed_off', after: 'PT24H', fire: 'escalate' }])
    const escalate = lead?.transitions.find((t) => t.key === 'escalate')
    expect(escalate).toMatchObject({ from: ['handed_off'], to: 'handed_off', roles: [] })
    const handedOff = lead?.states.find((s) => s.key === 'handed_off')
    expect(handedOff?.assignee).toEqual({
      // the spec: round robin among sales in the lead's region, else all sales
      roundRobin: { role: 'sales', where: { region: { var: 'region' } }, fallback: 'role' },
    })
    expect(lead?.transitions.find((t) => t.key === 'return')?.requires).toEqual(['return_reason'])
    const reasons = form('lead')
      ?.fields.find((f) => f.key === 'return_reason')
      ?.options?.map((o) => o.value)
    expect(reasons).toEqual(['not_a_fit', 'no_budget', 'wrong_contact', 'duplicate', 'unreachable', 'other'])
  })

  it('requires close value and date to win and a reason to lose; only managers reopen', () => {
    const opp = workflowOf('opportunity')
    const t = (k: string) => opp?.transitions.find((x) => x.key === k)
    expect(t('win')?.requires).toEqual(['close_value', 'close_date'])
    expect(t('lose')?.requires).toContain('lost_reason')
    expect(t('reopen')?.roles).toEqual(['sales_manager', 'admin'])
  })

  it('converts by creating or linking the account by name, then contact and opportunity', () => {
    const convert = workflowOf('lead')?.transitions.find((t) => t.key === 'convert')
    const creates = convert?.actions?.filter((a) => a.type === 'create') ?? []
    expect(creates.map((a) => (a.type === 'create' ? [a.form, a.link, a.match ?? null] : null))).toEqual([
      ['account', 'converted_account', ['name']],
      ['contact', 'converted_contact', ['email']],
      ['opportunity', 'converted_opportunity', null],
    ])
  })

  it('links data: a contact shows its account sector, an account rolls up its open deals, a product fills the amount', () => {
    const field = (f: string, k: string) => form(f)?.fields.find((x) => x.key === k)
    expect(field('contact', 'account_sector')).toMatchObject({
      type: 'lookup',
      relation: 'account',
      field: 'sector',
    })
    expect(field('opportunity', 'list_price')).toMatchObject({
      type: 'lookup',
      relation: 'product',
      field: 'list_price',
    })
    expect(field('opportunity', 'product')?.fill).toEqual({ amount: 'list_price' })
    expect(field('product', 'list_price')?.type).toBe(field('opportunity', 'amount')?.type)
    const open = ['prospecting', 'engaging', 'proposal', 'negotiation']
    expect(field('account', 'open_pipeline')).toMatchObject({
      type: 'rollup',
      form: 'opportunity',
      relation: 'account',
      op: 'sum',
      field: 'amount',
      where: { in: [{ var: 'state' }, open] },
    })
    expect(field('account', 'open_opportunities')).toMatchObject({
      type: 'rollup',
      op: 'count',
      relation: 'account',
    })
    // "open" is every state but the closed ones, and the pipeline widget counts the same deals
    const states = workflowOf('opportunity')?.states.map((s) => s.key) ?? []
    expect(states.filter((s) => !['won', 'lost', 'archived'].includes(s))).toEqual(open)
    const widget = crmTemplate.dashboards
      ?.flatMap((d) => d.widgets)
      .find((w) => w.key === 'pipeline_by_stage')
    expect(widget?.filter).toEqual({ state: { in: open } })
    // an amount a product fills is one sales may edit in every open state, so the server fills it
    for (const s of workflowOf('opportunity')?.states.filter((x) => open.includes(x.key)) ?? [])
      expect(s.fields?.amount, s.key).toMatchObject({ sales: 'edit', sales_manager: 'edit' })
    const pipeline = crmImportProfiles['crm-pipeline']?.steps.find((s) => s.key === 'sales_pipeline')
    expect(pipeline?.fill).toBe(true)
    expect(pipeline?.columns.some((c) => c.field === 'amount')).toBe(false)
  })

  it('flags a lead whose email another lead has', () => {
    expect(crmTemplate.duplicates).toEqual([{ form: 'lead', field: 'email', action: 'flag' }])
  })

  it('has profiles whose columns map onto existing fields, states and lookups', () => {
    for (const profile of Object.values(crmImportProfiles)) {
      for (const step of profile.steps) {
        if (step.form === '$members') {
          expect(step.members?.roles.every((r) => crmTemplate.roles.some((x) => x.key === r))).toBe(true)
          continue
        }
        const target = form(step.form)
        expect(target, `${profile.key}/${step.key}`).toBeDefined()
        for (const c of step.columns) {
          const field = target?.fields.find((f) => f.key === c.field)
          expect(field, `${profile.key}/${step.key}: ${c.column} -> ${c.field}`).toBeDefined()
          if (c.lookup?.form)
            expect(form(c.lookup.form)?.fields.some((f) => f.key === c.lookup?.by)).toBe(true)
        }
        const states = workflowOf(step.form)?.states.map((s) => s.key) ?? []
        for (const s of [
          ...Object.values(step.state?.map ?? {}),
          ...(step.state?.rules ?? []).map((r) => r.state),
        ])
          expect(states).toContain(s)
      }
    }
  })
})

describe('CRM template under the verifier', () => {
  it('passes verifyApp with no problems', () => {
    const result = verifyApp(crmTemplate)
    expect(result.errors.map((e) => `${e.path}: ${e.code}: ${e.message.en}`)).toEqual([])
    expect(result.ok).toBe(true)
  })
})
