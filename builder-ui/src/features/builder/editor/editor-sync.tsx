import type { Problem } from '@tessera/schemas'
import { createContext, type ReactNode, useContext, useMemo } from 'react'
import { useDraftSelector } from '../draft/draft-context.js'
import { type SaveStatus, useAutosave } from '../draft/use-autosave.js'
import { useVerify } from '../verify/use-verify.js'

export interface EditorSync {
  /** the autosave: idle, saving, or failed with a message */
  status: SaveStatus
  saveNow: () => void
  /** edits the server has not stored yet */
  dirty: boolean
  problems: Problem[]
  checking: boolean
  verifyError: Error | null
}

const EditorSyncContext = createContext<EditorSync | null>(null)

/**
 * Autosave and live verification. They follow every revision, so they live here rather than in
 * the shell: this provider re-renders per keystroke, its consumers only when the save state or the
 * findings change.
 */
export function EditorSyncProvider({ children }: { children: ReactNode }) {
  const autosave = useAutosave()
  const verify = useVerify()
  const dirty = useDraftSelector((s) => s.revision !== s.savedRevision)
  const value = useMemo<EditorSync>(
    () => ({
      status: autosave.status,
      saveNow: autosave.saveNow,
      dirty,
      problems: verify.problems,
      checking: verify.checking,
      verifyError: verify.error,
    }),
    [autosave.status, autosave.saveNow, dirty, verify.problems, verify.checking, verify.error],
  )
  return <EditorSyncContext.Provider value={value}>{children}</EditorSyncContext.Provider>
}

export function useEditorSync(): EditorSync {
  const ctx = useContext(EditorSyncContext)
  if (!ctx) throw new Error('useEditorSync outside EditorSyncProvider')
  return ctx
}
