import type { WidgetDefinition, WorkflowDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { reportKeyName } from './report-labels.js'

const label = (v: unknown, fallback?: string) =>
  typeof v === 'string'
    ? v
    : v && typeof v === 'object'
      ? String((v as { en?: string }).en)
      : (fallback ?? '')
const t = (key: string, values?: Record<string, string | number>) => `${key} ${JSON.stringify(values ?? {})}`
const i18n = { t, label } as unknown as Parameters<typeof reportKeyName>[3]

const workflow = {
  key: 'flow',
  form: 'ticket',
  initial: 'open',
  states: [
    { key: 'open', label: { en: 'Open' } },
    { key: 'waiting', label: { en: 'Waiting on support' } },
    { key: 'answered', label: 'Answered', final: true },
  ],
  transitions: [],
  timers: [{ state: 'waiting', after: 'PT4H', fire: 'escalate' }],
} as unknown as WorkflowDefinition

describe('the names of report keys, read from the widget definition', () => {
  it("names a funnel's stages by their labels, whatever the app", () => {
    const widget: WidgetDefinition = {
      key: 'f',
      type: 'funnel',
      form: 'ticket',
      report: 'funnel',
      stages: [
        { key: 'all', label: { en: 'Tickets' } },
        { key: 'done', label: 'Solved', states: ['answered'] },
      ],
    }
    expect(reportKeyName(widget, 'all', workflow, i18n)).toBe('Tickets')
    expect(reportKeyName(widget, 'done', workflow, i18n)).toBe('Solved')
    expect(reportKeyName(widget, 'Google', workflow, i18n)).toBeUndefined()
  })

  it("names an SLA's figures after its states and its timer's duration", () => {
    const widget: WidgetDefinition = {
      key: 's',
      type: 'number',
      form: 'ticket',
      report: 'sla',
      sla: { state: 'waiting', timer: 'escalate', goal: 'answered' },
    }
    expect(reportKeyName(widget, 'median_hours', workflow, i18n)).toBe(
      'dashboard.sla.medianHours {"state":"Answered"}',
    )
    expect(reportKeyName(widget, 'breached_share', workflow, i18n)).toBe(
      'dashboard.sla.breachedShare {"after":"4h"}',
    )
    expect(reportKeyName(widget, 'entries', workflow, i18n)).toBe(
      'dashboard.sla.entries {"state":"Waiting on support"}',
    )
  })
})
