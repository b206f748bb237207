import type { AppDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { diffDefinitions, sameJson } from './definition-diff.js'

const v1: AppDefinition = {
  key: 'crm',
  name: 'CRM',
  roles: [{ key: 'sales' }],
  forms: [
    {
      key: 'lead',
      title: 'Lead',
      fields: [
        { key: 'email', type: 'email', required: true },
        { key: 'score', type: 'number', max: 100 },
        { key: 'note', type: 'textarea' },
      ],
    },
  ],
  workflows: [
    {
      key: 'flow',
      form: 'lead',
      initial: 'new',
      states: [{ key: 'new' }, { key: 'lost', final: true }],
      transitions: [{ key: 'lose', from: ['new'], to: 'lost', roles: ['sales'] }],
      timers: [{ state: 'new', after: 'PT24H', fire: 'lose' }],
    },
  ],
}

describe('diffDefinitions', () => {
  it('reports nothing for the same definition with fields reordered and keys shuffled', () => {
    const same = structuredClone(v1)
    same.forms[0]!.fields.reverse()
    same.forms[0]!.fields[2] = { required: true, type: 'email', key: 'email' }
    expect(diffDefinitions(v1, same)).toEqual([])
  })

  it('does not count moved graph nodes as a change', () => {
    const moved = structuredClone(v1)
    moved.workflows![0]!.layout = { states: { new: { x: 10, y: 10 }, lost: { x: 300, y: 10 } } }
    expect(diffDefinitions(v1, moved)).toEqual([])
  })

  it('lists fields and states added, removed and changed', () => {
    const v2 = structuredClone(v1)
    const lead = v2.forms[0]!
    lead.fields = lead.fields.filter((f) => f.key !== 'note')
    lead.fields.push({ key: 'phone', type: 'phone' })
    lead.fields[1] = { key: 'score', type: 'number', max: 10, min: 0 }
    const flow = v2.workflows![0]!
    flow.states.push({ key: 'won', final: true })
    flow.timers = [{ state: 'new', after: 'PT48H', fire: 'lose' }]
    expect(diffDefinitions(v1, v2)).toEqual([
      { kind: 'changed', part: 'field', path: 'lead.score', properties: ['max', 'min'] },
      { kind: 'added', part: 'field', path: 'lead.phone' },
      { kind: 'removed', part: 'field', path: 'lead.note' },
      { kind: 'added', part: 'state', path: 'flow.won' },
      { kind: 'changed', part: 'timer', path: 'flow.new->lose', properties: ['after'] },
    ])
  })

  it('treats everything as added when nothing is published yet', () => {
    const entries = diffDefinitions(null, v1)
    expect(entries.map((e) => `${e.kind} ${e.part} ${e.path}`)).toEqual([
      'added role sales',
      'added form lead',
      'added workflow flow',
    ])
  })

  it('reports app-level property changes', () => {
    expect(diffDefinitions(v1, { ...v1, name: { en: 'CRM', 'zh-CN': '客户' } })).toEqual([
      { kind: 'changed', part: 'app', path: 'crm', properties: ['name'] },
    ])
  })
})

describe('sameJson', () => {
  it('ignores key order and undefined members', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(true)
    expect(sameJson([1, 2], [2, 1])).toBe(false)
    expect(sameJson({ a: null }, {})).toBe(false)
  })
})
