import type { AppDefinition } from '@tessera/schemas'
import { createContext, type ReactNode, useCallback, useContext, useMemo, useReducer } from 'react'
import type { DraftAction } from './draft-actions.js'
import { createEditorState, type EditorState, editorReducer, isDirty } from './editor-state.js'

export interface DraftContextValue {
  app: string
  draft: AppDefinition
  /** the published definition, `null` before the first publish: published keys are locked. */
  published: AppDefinition | null
  state: EditorState
  dirty: boolean
  /** applies an edit as one undo step; edits with the same `coalesce` key in a row merge. */
  dispatch: (action: DraftAction, coalesce?: string) => void
  undo: () => void
  redo: () => void
  canUndo: boolean
  canRedo: boolean
  markSaved: (revision: number) => void
}

const DraftContext = createContext<DraftContextValue | null>(null)

export interface DraftProviderProps {
  app: string
  initial: AppDefinition
  published: AppDefinition | null
  children: ReactNode
}

/** Holds the draft being edited with its undo history (see editor-state.ts). */
export function DraftProvider({ app, initial, published, children }: DraftProviderProps) {
  const [state, send] = useReducer(editorReducer, initial, createEditorState)
  const dispatch = useCallback(
    (action: DraftAction, coalesce?: string) => send({ type: 'edit', action, coalesce }),
    [],
  )
  const undo = useCallback(() => send({ type: 'undo' }), [])
  const redo = useCallback(() => send({ type: 'redo' }), [])
  const markSaved = useCallback((revision: number) => send({ type: 'saved', revision }), [])
  const value = useMemo<DraftContextValue>(
    () => ({
      app,
      draft: state.history.present,
      published,
      state,
      dirty: isDirty(state),
      dispatch,
      undo,
      redo,
      canUndo: state.history.past.length > 0,
      canRedo: state.history.future.length > 0,
      markSaved,
    }),
    [app, published, state, dispatch, undo, redo, markSaved],
  )
  return <DraftContext.Provider value={value}>{children}</DraftContext.Provider>
}

export function useDraft(): DraftContextValue {
  const ctx = useContext(DraftContext)
  if (!ctx) throw new Error('useDraft outside DraftProvider')
  return ctx
}
