import { useCallback, useEffect, useRef, useState } from 'react'
import { builderApi } from '../builder-api.js'
import { useDraftActions, useDraftSelector } from './draft-context.js'

export type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'error'; message: string }

const AUTOSAVE_DELAY_MS = 800

/**
 * Saves the draft (PUT /api/apps/:app/draft) a moment after the last edit. One save at a time:
 * an edit made while a save is in flight is saved after it, so answers never arrive out of order.
 */
export function useAutosave() {
  const { app, store, markSaved } = useDraftActions()
  const revision = useDraftSelector((s) => s.revision)
  const savedRevision = useDraftSelector((s) => s.savedRevision)
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' })
  const inFlight = useRef(false)

  const save = useCallback(async () => {
    if (inFlight.current) return
    inFlight.current = true
    const { history, revision: saving } = store.getState()
    setStatus({ kind: 'saving' })
    try {
      // The save answers with findings too; the verify query shows them for the newest revision.
      await builderApi.saveDraft(app, history.present)
      markSaved(saving)
      setStatus({ kind: 'idle' })
    } catch (error) {
      setStatus({ kind: 'error', message: error instanceof Error ? error.message : String(error) })
    } finally {
      inFlight.current = false
    }
  }, [app, store, markSaved])

  useEffect(() => {
    if (revision === savedRevision || status.kind === 'saving') return
    // After a failure, retry slowly rather than hammering a server that is down; an edit or "save now" is sooner.
    const delay = status.kind === 'error' ? AUTOSAVE_DELAY_MS * 10 : AUTOSAVE_DELAY_MS
    const timer = window.setTimeout(save, delay)
    return () => window.clearTimeout(timer)
  }, [revision, savedRevision, status.kind, save])

  return { status, saveNow: save }
}
