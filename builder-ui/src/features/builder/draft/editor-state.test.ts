import type { AppDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { createEditorState, editorReducer, isDirty } from './editor-state.js'

const app: AppDefinition = { key: 'x', name: 'X', roles: [], forms: [{ key: 'f', title: 'F', fields: [] }] }
const addField = (key: string) =>
  ({ type: 'edit', action: { type: 'field/insert', form: 'f', field: { key, type: 'text' } } }) as const

describe('editorReducer', () => {
  it('undoes a deleted field back into the form (delete with undo)', () => {
    let s = editorReducer(createEditorState(app), addField('a'))
    s = editorReducer(s, { type: 'edit', action: { type: 'field/remove', form: 'f', field: 'a' } })
    expect(s.history.present.forms[0]!.fields).toEqual([])
    s = editorReducer(s, { type: 'undo' })
    expect(s.history.present.forms[0]!.fields.map((f) => f.key)).toEqual(['a'])
    s = editorReducer(s, { type: 'redo' })
    expect(s.history.present.forms[0]!.fields).toEqual([])
  })

  it('is dirty until the newest revision is saved, including after undo', () => {
    let s = editorReducer(createEditorState(app), addField('a'))
    expect(isDirty(s)).toBe(true)
    s = editorReducer(s, { type: 'saved', revision: s.revision })
    expect(isDirty(s)).toBe(false)
    s = editorReducer(s, { type: 'undo' })
    expect(isDirty(s)).toBe(true)
  })

  it('ignores a late save answer for an older revision', () => {
    let s = editorReducer(createEditorState(app), addField('a'))
    const first = s.revision
    s = editorReducer(s, addField('b'))
    s = editorReducer(s, { type: 'saved', revision: s.revision })
    s = editorReducer(s, { type: 'saved', revision: first })
    expect(isDirty(s)).toBe(false)
  })

  it('records no step and no revision for an edit that changes nothing', () => {
    const s = createEditorState(app)
    expect(
      editorReducer(s, { type: 'edit', action: { type: 'field/remove', form: 'nope', field: 'a' } }),
    ).toBe(s)
    expect(editorReducer(s, { type: 'undo' })).toBe(s)
  })

  it('applies a batch as one undo step', () => {
    let s = editorReducer(createEditorState(app), addField('name'))
    s = editorReducer(s, {
      type: 'edit',
      action: {
        type: 'batch',
        actions: [
          { type: 'field/update', form: 'f', field: 'name', patch: { label: 'Title' } },
          { type: 'field/rename', form: 'f', from: 'name', to: 'title' },
        ],
      },
    })
    expect(s.history.present.forms[0]!.fields).toEqual([{ key: 'title', type: 'text', label: 'Title' }])
    s = editorReducer(s, { type: 'undo' })
    expect(s.history.present.forms[0]!.fields).toEqual([{ key: 'name', type: 'text' }])
  })
})
