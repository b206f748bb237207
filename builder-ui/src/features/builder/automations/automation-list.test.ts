import type { AppDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { createEditorState, editorReducer } from '../draft/editor-state.js'
import {
  addAutomation,
  blankTrigger,
  duplicateAutomation,
  freeKey,
  generateSecret,
  removeAutomation,
  replaceAutomation,
  triggerForm,
} from './automation-list.js'

const draft: AppDefinition = {
  key: 'crm',
  name: 'CRM',
  roles: [{ key: 'ops' }],
  forms: [{ key: 'lead', title: 'Lead', fields: [{ key: 'name', type: 'text' }] }],
  workflows: [
    {
      key: 'lead_flow',
      form: 'lead',
      initial: 'new',
      states: [{ key: 'new' }, { key: 'won', final: true }],
      transitions: [{ key: 'win', from: ['new'], to: 'won', roles: [] }],
    },
  ],
}

describe('automation list edits', () => {
  it('adds an automation of each trigger kind with a free key and a trigger naming real things', () => {
    let list = addAutomation([], 'created', draft)
    list = addAutomation(list, 'created', draft)
    expect(list.map((a) => a.key)).toEqual(['created_automation', 'created_automation_2'])
    expect(blankTrigger('entered', draft)).toEqual({ on: 'entered', workflow: 'lead_flow', state: 'new' })
    expect(blankTrigger('schedule', draft)).toEqual({ on: 'schedule', cron: '0 9 * * 1' })
    const hook = blankTrigger('webhook', draft)
    expect(hook.on === 'webhook' && hook.secret).toMatch(/^[0-9a-f]{64}$/)
  })

  it('duplicates right after the original, deep-copied, and a webhook copy gets its own secret', () => {
    const list = addAutomation(addAutomation([], 'webhook', draft), 'created', draft)
    const next = duplicateAutomation(list, 'webhook_automation')
    expect(next.map((a) => a.key)).toEqual([
      'webhook_automation',
      'webhook_automation_copy',
      'created_automation',
    ])
    const [a, b] = next
    expect(
      a?.trigger.on === 'webhook' && b?.trigger.on === 'webhook' && a.trigger.secret !== b.trigger.secret,
    ).toBe(true)
    expect(b?.actions).not.toBe(a?.actions)
    expect(duplicateAutomation(list, 'nope')).toEqual(list)
  })

  it('removes, and refuses a rename onto a taken key', () => {
    const list = addAutomation(addAutomation([], 'created', draft), 'schedule', draft)
    expect(removeAutomation(list, 'created_automation').map((a) => a.key)).toEqual(['schedule_automation'])
    const [first] = list
    if (!first) throw new Error('no automation')
    expect(replaceAutomation(list, first.key, { ...first, key: 'schedule_automation' })).toEqual(list)
    expect(replaceAutomation(list, first.key, { ...first, key: 'welcome' }).map((a) => a.key)).toEqual([
      'welcome',
      'schedule_automation',
    ])
  })

  it('knows the form each trigger hands to the condition', () => {
    expect(triggerForm(draft, { on: 'created', form: 'lead' })).toBe('lead')
    expect(triggerForm(draft, { on: 'entered', workflow: 'lead_flow', state: 'won' })).toBe('lead')
    expect(triggerForm(draft, { on: 'schedule', cron: '0 9 * * *', each: { form: 'lead' } })).toBe('lead')
    expect(triggerForm(draft, { on: 'schedule', cron: '0 9 * * *' })).toBeUndefined()
    expect(triggerForm(draft, { on: 'webhook', secret: generateSecret() })).toBeUndefined()
    expect(freeKey([], 'a')).toBe('a')
  })

  it('is undoable: automations/set goes through the draft history like any edit', () => {
    let state = createEditorState(draft)
    const automations = addAutomation([], 'created', draft)
    state = editorReducer(state, { type: 'edit', action: { type: 'automations/set', automations } })
    expect(state.history.present.automations).toEqual(automations)
    state = editorReducer(state, {
      type: 'edit',
      action: {
        type: 'automations/set',
        automations: duplicateAutomation(automations, 'created_automation'),
      },
    })
    expect(state.history.present.automations).toHaveLength(2)
    state = editorReducer(state, { type: 'undo' })
    expect(state.history.present.automations).toHaveLength(1)
    state = editorReducer(state, { type: 'undo' })
    expect(state.history.present.automations).toBeUndefined()
    state = editorReducer(state, { type: 'redo' })
    expect(state.history.present.automations).toEqual(automations)
  })
})
