import type { AppDefinition } from '@tessera/schemas'
import { useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { draftQuery, useSaveDraft } from '../builder-queries.js'

/** Loads an app's draft, applies one change and saves it: edits made from the apps home. */
export function useEditSavedDraft() {
  const qc = useQueryClient()
  const save = useSaveDraft()
  const edit = useCallback(
    async (app: string, change: (draft: AppDefinition) => AppDefinition) => {
      const { definition } = await qc.fetchQuery(draftQuery(app))
      await save.mutateAsync(change(definition))
    },
    [qc, save],
  )
  return { edit, isPending: save.isPending }
}
