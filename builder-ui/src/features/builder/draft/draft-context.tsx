import type { AppDefinition } from '@tessera/schemas'
import { createContext, type ReactNode, useContext, useMemo, useState, useSyncExternalStore } from 'react'
import type { DraftAction } from './draft-actions.js'
import { createDraftStore, type DraftStore } from './draft-store.js'
import { type EditorState, isDirty } from './editor-state.js'

/** What never changes while one app is edited: who to tell about edits, and the published version. */
export interface DraftActions {
  app: string
  /** the published definition, `null` before the first publish: published keys are locked. */
  published: AppDefinition | null
  /** applies an edit as one undo step; edits with the same `coalesce` key in a row merge. */
  dispatch: (action: DraftAction, coalesce?: string) => void
  undo: () => void
  redo: () => void
  markSaved: (revision: number) => void
  /** the draft as it is now, for handlers that must not re-render on every edit. */
  getDraft: () => AppDefinition
  store: DraftStore
}

export interface DraftContextValue extends DraftActions {
  draft: AppDefinition
  state: EditorState
  dirty: boolean
  canUndo: boolean
  canRedo: boolean
}

const DraftContext = createContext<DraftActions | null>(null)

export interface DraftProviderProps {
  app: string
  initial: AppDefinition
  published: AppDefinition | null
  children: ReactNode
}

/** Holds the draft being edited with its undo history (see editor-state.ts and draft-store.ts). */
export function DraftProvider({ app, initial, published, children }: DraftProviderProps) {
  const [store] = useState(() => createDraftStore(initial))
  const actions = useMemo<DraftActions>(
    () => ({
      app,
      published,
      store,
      dispatch: (action, coalesce) => store.send({ type: 'edit', action, coalesce }),
      undo: () => store.send({ type: 'undo' }),
      redo: () => store.send({ type: 'redo' }),
      markSaved: (revision) => store.send({ type: 'saved', revision }),
      getDraft: () => store.getState().history.present,
    }),
    [app, published, store],
  )
  return <DraftContext.Provider value={actions}>{children}</DraftContext.Provider>
}

/** The stable half of the draft context: it never causes a re-render by itself. */
export function useDraftActions(): DraftActions {
  const ctx = useContext(DraftContext)
  if (!ctx) throw new Error('useDraft outside DraftProvider')
  return ctx
}

/**
 * One slice of the editor state; the component re-renders only when the slice changes (by
 * `Object.is`). Return parts of the state or primitives, never a new object or array.
 */
export function useDraftSelector<T>(select: (state: EditorState) => T): T {
  const { store } = useDraftActions()
  return useSyncExternalStore(store.subscribe, () => select(store.getState()))
}

/** The form with this key in the draft as it is now (`undefined` when there is none). */
export const useDraftForm = (key: string | undefined) =>
  useDraftSelector((s) => s.history.present.forms.find((f) => f.key === key))

/** Everything at once: re-renders on every edit. Fine for small panels; hot paths use selectors. */
export function useDraft(): DraftContextValue {
  const actions = useDraftActions()
  const state = useDraftSelector((s) => s)
  return {
    ...actions,
    draft: state.history.present,
    state,
    dirty: isDirty(state),
    canUndo: state.history.past.length > 0,
    canRedo: state.history.future.length > 0,
  }
}
