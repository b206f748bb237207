import type { AppDefinition } from '@tessera/schemas'
import { createEditorState, type EditorEvent, type EditorState, editorReducer } from './editor-state.js'

/**
 * The editor state outside React, so a component can subscribe to the slice it shows
 * (`useDraftSelector`): a keystroke in one field's label re-renders that field's card and the
 * property panel, not the 300 other cards, the palette and the graph.
 */
export interface DraftStore {
  getState: () => EditorState
  send: (event: EditorEvent) => void
  subscribe: (listener: () => void) => () => void
}

export function createDraftStore(initial: AppDefinition): DraftStore {
  let state = createEditorState(initial)
  const listeners = new Set<() => void>()
  return {
    getState: () => state,
    send: (event) => {
      const next = editorReducer(state, event)
      if (next === state) return
      state = next
      for (const listener of listeners) listener()
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
