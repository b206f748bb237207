import type { AppDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { displayOrder, draftReducer, renameVar } from './draft-reducer.js'

const app = (): AppDefinition => ({
  key: 'repair',
  name: 'Repair',
  roles: [{ key: 'tech' }],
  forms: [
    {
      key: 'ticket',
      title: 'Ticket',
      fields: [
        { key: 'a', type: 'text' },
        { key: 'b', type: 'select', options: [{ value: 'x' }] },
        { key: 'c', type: 'number', visibleWhen: { '==': [{ var: 'b' }, 'x'] } },
        { key: 'd', type: 'date' },
      ],
      layout: [{ section: 'Main', columns: 2, fields: ['b', 'a'] }],
    },
  ],
  workflows: [
    {
      key: 'flow',
      form: 'ticket',
      initial: 'new',
      states: [
        { key: 'new', fields: { c: 'edit' } },
        { key: 'done', final: true },
      ],
      transitions: [
        {
          key: 'finish',
          from: ['new'],
          to: 'done',
          roles: ['tech'],
          guard: { '>': [{ var: 'c' }, 1] },
          requires: ['c'],
        },
      ],
      timers: [{ state: 'new', after: 'PT1H', fire: 'finish' }],
    },
  ],
})

const form = (draft: AppDefinition) => draft.forms[0]!
const flow = (draft: AppDefinition) => draft.workflows![0]!

describe('draftReducer', () => {
  it('orders the canvas as sections first, then the fields no section names', () => {
    expect(displayOrder(form(app()))).toEqual({ sections: [['b', 'a']], rest: ['c', 'd'] })
  })

  it('inserts a new field at a place in a section', () => {
    const next = draftReducer(app(), {
      type: 'field/insert',
      form: 'ticket',
      field: { key: 'e', type: 'email' },
      place: { section: 0, index: 1 },
    })
    expect(form(next).layout![0]!.fields).toEqual(['b', 'e', 'a'])
    expect(form(next).fields.map((f) => f.key)).toEqual(['b', 'e', 'a', 'c', 'd'])
  })

  it('appends a field to the end when no place is given', () => {
    const next = draftReducer(app(), {
      type: 'field/insert',
      form: 'ticket',
      field: { key: 'e', type: 'email' },
    })
    expect(displayOrder(form(next)).rest).toEqual(['c', 'd', 'e'])
  })

  it('moves a field out of a section and back in', () => {
    let next = draftReducer(app(), {
      type: 'field/move',
      form: 'ticket',
      field: 'b',
      place: { section: null, index: 1 },
    })
    expect(displayOrder(form(next))).toEqual({ sections: [['a']], rest: ['c', 'b', 'd'] })
    next = draftReducer(next, {
      type: 'field/move',
      form: 'ticket',
      field: 'd',
      place: { section: 0, index: 0 },
    })
    expect(displayOrder(form(next))).toEqual({ sections: [['d', 'a']], rest: ['c', 'b'] })
  })

  it('duplicates a field right after the original with a new key', () => {
    const next = draftReducer(app(), { type: 'field/duplicate', form: 'ticket', field: 'b', key: 'b_2' })
    expect(form(next).layout![0]!.fields).toEqual(['b', 'b_2', 'a'])
    expect(form(next).fields.find((f) => f.key === 'b_2')).toEqual({
      key: 'b_2',
      type: 'select',
      options: [{ value: 'x' }],
    })
  })

  it('removes a field from the form and its layout', () => {
    const next = draftReducer(app(), { type: 'field/remove', form: 'ticket', field: 'a' })
    expect(form(next).fields.map((f) => f.key)).toEqual(['b', 'c', 'd'])
    expect(form(next).layout![0]!.fields).toEqual(['b'])
  })

  it('deletes a property patched to undefined', () => {
    const next = draftReducer(app(), {
      type: 'field/update',
      form: 'ticket',
      field: 'c',
      patch: { visibleWhen: undefined, min: 0 },
    })
    expect(form(next).fields[2]).toEqual({ key: 'c', type: 'number', min: 0 })
    expect('visibleWhen' in form(next).fields[2]!).toBe(false)
  })

  it('renames a field everywhere it is referenced', () => {
    const next = draftReducer(app(), { type: 'field/rename', form: 'ticket', from: 'b', to: 'kind' })
    expect(form(next).layout![0]!.fields).toEqual(['kind', 'a'])
    expect(form(next).fields[2]!.visibleWhen).toEqual({ '==': [{ var: 'kind' }, 'x'] })
    const renamedC = draftReducer(app(), { type: 'field/rename', form: 'ticket', from: 'c', to: 'cost' })
    expect(flow(renamedC).states[0]!.fields).toEqual({ cost: 'edit' })
    expect(flow(renamedC).transitions[0]!.guard).toEqual({ '>': [{ var: 'cost' }, 1] })
    expect(flow(renamedC).transitions[0]!.requires).toEqual(['cost'])
  })

  it("keeps a public form's field list in step with renamed and removed fields", () => {
    const withPublic = draftReducer(app(), {
      type: 'form/update',
      form: 'ticket',
      patch: { public: true, publicFields: ['a', 'b'] },
    })
    const renamed = draftReducer(withPublic, { type: 'field/rename', form: 'ticket', from: 'b', to: 'kind' })
    expect(form(renamed).publicFields).toEqual(['a', 'kind'])
    const removed = draftReducer(renamed, { type: 'field/remove', form: 'ticket', field: 'a' })
    expect(form(removed).publicFields).toEqual(['kind'])
    const none = draftReducer(removed, { type: 'field/remove', form: 'ticket', field: 'kind' })
    expect(form(none).publicFields).toBeUndefined()
  })

  it('rebuilds only what mentions a renamed field, so the other cards keep their identity', () => {
    const before = app()
    const next = draftReducer(before, { type: 'field/rename', form: 'ticket', from: 'a', to: 'title' })
    expect(form(next).fields[0]!.key).toBe('title')
    for (const i of [1, 2, 3]) expect(form(next).fields[i]).toBe(form(before).fields[i])
    expect(flow(next).states[0]).toBe(flow(before).states[0])
    expect(flow(next).transitions[0]).toBe(flow(before).transitions[0])
    const renamedB = draftReducer(before, { type: 'field/rename', form: 'ticket', from: 'b', to: 'kind' })
    expect(form(renamedB).fields[2]).not.toBe(form(before).fields[2])
    expect(form(renamedB).fields[3]).toBe(form(before).fields[3])
  })

  it('refuses a rename onto a key already taken', () => {
    const before = app()
    expect(draftReducer(before, { type: 'field/rename', form: 'ticket', from: 'a', to: 'b' })).toBe(before)
  })

  it('keeps untouched parts identical (structural sharing)', () => {
    const before = app()
    const next = draftReducer(before, {
      type: 'state/update',
      workflow: 'flow',
      state: 'done',
      patch: { label: 'Done' },
    })
    expect(next.forms).toBe(before.forms)
    expect(flow(next).transitions).toBe(flow(before).transitions)
  })

  it('renames a state in transitions, timers and initial', () => {
    const next = draftReducer(app(), {
      type: 'state/update',
      workflow: 'flow',
      state: 'new',
      patch: { key: 'open' },
    })
    expect(flow(next).initial).toBe('open')
    expect(flow(next).transitions[0]!.from).toEqual(['open'])
    expect(flow(next).timers![0]!.state).toBe('open')
  })

  it('removes a state with the transitions and timers that need it', () => {
    const next = draftReducer(app(), { type: 'state/remove', workflow: 'flow', state: 'done' })
    expect(flow(next).states.map((s) => s.key)).toEqual(['new'])
    expect(flow(next).transitions).toEqual([])
    expect(flow(next).timers).toEqual([])
  })

  it('keeps node positions in the workflow layout, renamed and removed with their states', () => {
    const moved = draftReducer(app(), {
      type: 'workflow/layout',
      workflow: 'flow',
      states: { new: { x: 10, y: 20 }, done: { x: 300, y: 20 } },
    })
    const again = draftReducer(moved, {
      type: 'workflow/layout',
      workflow: 'flow',
      states: { done: { x: 320, y: 40 } },
    })
    expect(flow(again).layout).toEqual({ states: { new: { x: 10, y: 20 }, done: { x: 320, y: 40 } } })
    const renamed = draftReducer(again, {
      type: 'state/update',
      workflow: 'flow',
      state: 'new',
      patch: { key: 'open' },
    })
    expect(flow(renamed).layout?.states).toEqual({ open: { x: 10, y: 20 }, done: { x: 320, y: 40 } })
    const removed = draftReducer(renamed, { type: 'state/remove', workflow: 'flow', state: 'done' })
    expect(flow(removed).layout?.states).toEqual({ open: { x: 10, y: 20 } })
    const relaid = draftReducer(again, {
      type: 'workflow/layout',
      workflow: 'flow',
      states: { new: { x: 0, y: 0 } },
      replace: true,
    })
    expect(flow(relaid).layout?.states).toEqual({ new: { x: 0, y: 0 } })
  })

  it('renames a transition in the timers that fire it', () => {
    const next = draftReducer(app(), {
      type: 'transition/update',
      workflow: 'flow',
      transition: 'finish',
      patch: { key: 'close' },
    })
    expect(flow(next).timers![0]!.fire).toBe('close')
  })

  it('makes the first state added the initial one', () => {
    let next = draftReducer(app(), {
      type: 'workflow/add',
      workflow: { key: 'w2', form: 'ticket', initial: '', states: [], transitions: [] },
    })
    next = draftReducer(next, { type: 'state/add', workflow: 'w2', state: { key: 's1' } })
    next = draftReducer(next, { type: 'state/add', workflow: 'w2', state: { key: 's2' } })
    expect(next.workflows![1]!.initial).toBe('s1')
  })

  it('keeps a removed section’s fields in the form', () => {
    const next = draftReducer(app(), { type: 'section/remove', form: 'ticket', index: 0 })
    expect(form(next).layout).toEqual([])
    expect(form(next).fields.map((f) => f.key)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('leaves the draft alone for an unknown target', () => {
    const before = app()
    expect(
      draftReducer(before, { type: 'field/update', form: 'nope', field: 'a', patch: { label: 'x' } }),
    ).toBe(before)
  })
})

describe('form/rename', () => {
  it('renames a form in workflows, relations, create actions and views', () => {
    const before = app()
    before.forms.push({
      key: 'part',
      title: 'Part',
      fields: [{ key: 'ticket', type: 'relation', target: 'ticket' }],
    })
    before.workflows![0]!.transitions[0]!.actions = [{ type: 'create', form: 'ticket', map: {} }]
    before.views = [{ key: 'v', form: 'ticket' }]
    const next = draftReducer(before, { type: 'form/rename', from: 'ticket', to: 'job' })
    expect(next.forms.map((f) => f.key)).toEqual(['job', 'part'])
    expect(next.forms[1]!.fields[0]).toEqual({ key: 'ticket', type: 'relation', target: 'job' })
    expect(flow(next).form).toBe('job')
    expect(flow(next).transitions[0]!.actions).toEqual([{ type: 'create', form: 'job', map: {} }])
    expect(next.views).toEqual([{ key: 'v', form: 'job' }])
    expect(draftReducer(next, { type: 'form/rename', from: 'job', to: 'part' })).toBe(next)
  })
})

describe('renameVar', () => {
  it('renames paths into a subform but not look-alike names', () => {
    expect(renameVar({ sum: [{ var: 'items.qty' }, { var: 'itemsx' }] }, 'items', 'lines')).toEqual({
      sum: [{ var: 'lines.qty' }, { var: 'itemsx' }],
    })
    expect(renameVar({ var: ['items', 0] }, 'items', 'lines')).toEqual({ var: ['lines', 0] })
  })
})
