import type { AppDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { parsePointer, pointerToSelection, selectionPointer } from './pointer-to-selection.js'

const draft: AppDefinition = {
  key: 'a',
  name: 'A',
  roles: [],
  forms: [
    {
      key: 'lead',
      title: 'Lead',
      fields: [
        { key: 'email', type: 'email' },
        { key: 'items', type: 'subform', fields: [{ key: 'qty', type: 'integer' }] },
      ],
      layout: [{ section: 'S', fields: ['items', 'ghost'] }],
    },
  ],
  workflows: [
    {
      key: 'flow',
      form: 'lead',
      initial: 'new',
      states: [{ key: 'new' }, { key: 'won', final: true }],
      transitions: [{ key: 'win', from: ['new'], to: 'won', roles: [] }],
      timers: [
        { state: 'new', after: 'PT0S', fire: 'win' },
        { state: 'new', after: 'x', fire: 'nope' },
      ],
    },
  ],
  views: [{ key: 'all', form: 'lead' }],
}

describe('pointerToSelection', () => {
  it('unescapes RFC 6901 segments', () => {
    expect(parsePointer('/a~1b/c~0d')).toEqual(['a/b', 'c~d'])
    expect(parsePointer('/')).toEqual([])
  })

  it('selects the field a finding points into', () => {
    expect(pointerToSelection(draft, '/forms/0/fields/0/pattern')).toEqual({
      kind: 'field',
      form: 'lead',
      field: 'email',
    })
    expect(pointerToSelection(draft, '/forms/0/fields/1/fields/0/type')).toEqual({
      kind: 'field',
      form: 'lead',
      field: 'items',
    })
  })

  it('selects a field named by the layout, or the section when the name is unknown', () => {
    expect(pointerToSelection(draft, '/forms/0/layout/0/fields/0')).toEqual({
      kind: 'field',
      form: 'lead',
      field: 'items',
    })
    expect(pointerToSelection(draft, '/forms/0/layout/0/fields/1')).toEqual({
      kind: 'section',
      form: 'lead',
      index: 0,
    })
  })

  it('selects states, transitions and the parts timers name', () => {
    expect(pointerToSelection(draft, '/workflows/0/states/1/final')).toEqual({
      kind: 'state',
      workflow: 'flow',
      state: 'won',
    })
    expect(pointerToSelection(draft, '/workflows/0/transitions/0/guard')).toEqual({
      kind: 'transition',
      workflow: 'flow',
      transition: 'win',
    })
    expect(pointerToSelection(draft, '/workflows/0/timers/0/after')).toEqual({
      kind: 'state',
      workflow: 'flow',
      state: 'new',
    })
    expect(pointerToSelection(draft, '/workflows/0/timers/0/fire')).toEqual({
      kind: 'transition',
      workflow: 'flow',
      transition: 'win',
    })
    expect(pointerToSelection(draft, '/workflows/0/timers/1/fire')).toEqual({
      kind: 'state',
      workflow: 'flow',
      state: 'new',
    })
    expect(pointerToSelection(draft, '/workflows/0/initial')).toEqual({
      kind: 'state',
      workflow: 'flow',
      state: 'new',
    })
  })

  it('falls back to the enclosing part, then the app', () => {
    expect(pointerToSelection(draft, '/forms/0/title')).toEqual({ kind: 'form', form: 'lead' })
    expect(pointerToSelection(draft, '/workflows/0/states/9')).toEqual({ kind: 'workflow', workflow: 'flow' })
    expect(pointerToSelection(draft, '/forms/7/fields/0')).toEqual({ kind: 'app' })
    expect(pointerToSelection(draft, '/')).toEqual({ kind: 'app' })
    expect(pointerToSelection(draft, '/roles/0/key')).toEqual({ kind: 'roles' })
    expect(pointerToSelection(draft, '/views/0/form')).toEqual({ kind: 'view', view: 'all' })
  })

  it('gives the pointer a selection owns', () => {
    expect(selectionPointer(draft, { kind: 'field', form: 'lead', field: 'items' })).toBe('/forms/0/fields/1')
    expect(selectionPointer(draft, { kind: 'transition', workflow: 'flow', transition: 'win' })).toBe(
      '/workflows/0/transitions/0',
    )
    expect(selectionPointer(draft, { kind: 'state', workflow: 'flow', state: 'gone' })).toBeNull()
  })
})

describe('pointerToSelection for automations', () => {
  const withAutomations: AppDefinition = {
    ...draft,
    automations: [
      { key: 'welcome', trigger: { on: 'created', form: 'lead' }, actions: [] },
      {
        key: 'weekly',
        trigger: { on: 'schedule', cron: '0 9 * * 1' },
        actions: [{ type: 'webhook', url: 'https://example.com' }],
      },
    ],
  }

  it('focuses the automation a finding points into, however deep', () => {
    expect(pointerToSelection(withAutomations, '/automations/1/trigger/cron')).toEqual({
      kind: 'automation',
      automation: 'weekly',
    })
    expect(pointerToSelection(withAutomations, '/automations/0/actions/0/url')).toEqual({
      kind: 'automation',
      automation: 'welcome',
    })
    expect(pointerToSelection(withAutomations, '/automations/0')).toEqual({
      kind: 'automation',
      automation: 'welcome',
    })
  })

  it('falls back to the app for an automation that is not there', () => {
    expect(pointerToSelection(withAutomations, '/automations/7/trigger')).toEqual({ kind: 'app' })
    expect(pointerToSelection(draft, '/automations/0')).toEqual({ kind: 'app' })
  })

  it('gives the pointer prefix an automation owns', () => {
    expect(selectionPointer(withAutomations, { kind: 'automation', automation: 'weekly' })).toBe(
      '/automations/1',
    )
    expect(selectionPointer(withAutomations, { kind: 'automation', automation: 'gone' })).toBeNull()
  })
})
