import type { AppDefinition } from '@tessera/schemas'
import type { DraftAction } from './draft-actions.js'
import { draftReducer } from './draft-reducer.js'
import {
  type History,
  createHistory,
  pushHistory,
  redoHistory,
  resetHistory,
  undoHistory,
} from './history.js'

/**
 * The editor's document state: the draft with its undo history, and revision counters for
 * autosave. `revision` grows with every change of the draft (edits, undo, redo); the draft is
 * saved when `savedRevision` has caught up with it.
 */
export interface EditorState {
  history: History<AppDefinition>
  revision: number
  savedRevision: number
}

export type EditorEvent =
  | { type: 'edit'; action: DraftAction; coalesce?: string | undefined }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'load'; draft: AppDefinition }
  | { type: 'saved'; revision: number }

export function createEditorState(draft: AppDefinition): EditorState {
  return { history: createHistory(draft), revision: 0, savedRevision: 0 }
}

export function editorReducer(state: EditorState, event: EditorEvent): EditorState {
  switch (event.type) {
    case 'edit': {
      const next = draftReducer(state.history.present, event.action)
      if (next === state.history.present) return state
      return {
        ...state,
        history: pushHistory(state.history, next, event.coalesce),
        revision: state.revision + 1,
      }
    }
    case 'undo':
    case 'redo': {
      const history = event.type === 'undo' ? undoHistory(state.history) : redoHistory(state.history)
      if (history === state.history) return state
      return { ...state, history, revision: state.revision + 1 }
    }
    case 'load':
      return { history: resetHistory(event.draft), revision: 0, savedRevision: 0 }
    case 'saved':
      return { ...state, savedRevision: Math.max(state.savedRevision, event.revision) }
  }
}

export const isDirty = (state: EditorState) => state.savedRevision !== state.revision
