import type { AppDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { createDraftStore } from './draft-store.js'

const app: AppDefinition = {
  key: 'a',
  name: 'A',
  roles: [],
  forms: [{ key: 'f', title: 'F', fields: [{ key: 'x', type: 'text' }] }],
}

describe('createDraftStore', () => {
  it('tells subscribers about a change and applies it through the editor reducer', () => {
    const store = createDraftStore(app)
    let calls = 0
    const stop = store.subscribe(() => calls++)
    store.send({ type: 'edit', action: { type: 'app/update', patch: { name: 'B' } } })
    expect(calls).toBe(1)
    expect(store.getState().history.present.name).toBe('B')
    expect(store.getState().revision).toBe(1)
    store.send({ type: 'undo' })
    expect(store.getState().history.present.name).toBe('A')
    stop()
    store.send({ type: 'redo' })
    expect(calls).toBe(2)
  })

  it('stays silent for an edit that changes nothing', () => {
    const store = createDraftStore(app)
    let calls = 0
    store.subscribe(() => calls++)
    const before = store.getState()
    store.send({ type: 'edit', action: { type: 'field/remove', form: 'nope', field: 'x' } })
    expect(calls).toBe(0)
    expect(store.getState()).toBe(before)
  })
})
