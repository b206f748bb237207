import type { Problem } from '@tessera/schemas'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { builderApi } from '../builder-api.js'
import { useDraft } from '../draft/draft-context.js'

const VERIFY_DELAY_MS = 600
// One empty list, so "no findings yet" is the same value on every render (it feeds effects).
const NONE: Problem[] = []

/**
 * The server's verifier findings for the draft as it is now (POST /api/apps/:app/verify), asked a
 * moment after the admin stops editing. Keyed by revision, so undoing back to a checked state
 * answers from the cache.
 */
export function useVerify(): {
  problems: Problem[]
  checking: boolean
  error: Error | null
  revision: number
} {
  const { app, draft, state } = useDraft()
  const [revision, setRevision] = useState(state.revision)
  const latest = useRef(draft)
  latest.current = draft
  useEffect(() => {
    const timer = window.setTimeout(() => setRevision(state.revision), VERIFY_DELAY_MS)
    return () => window.clearTimeout(timer)
  }, [state.revision])
  const query = useQuery({
    queryKey: ['builder', app, 'verify', revision],
    queryFn: () => builderApi.verify(app, latest.current),
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
    retry: false,
  })
  return {
    problems: query.data?.errors ?? NONE,
    checking: query.isFetching || revision !== state.revision,
    error: query.error,
    revision,
  }
}
