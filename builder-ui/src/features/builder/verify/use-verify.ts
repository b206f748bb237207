import type { Problem } from '@tessera/schemas'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { builderApi } from '../builder-api.js'
import { useDraftActions, useDraftSelector } from '../draft/draft-context.js'

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
  const { app, getDraft } = useDraftActions()
  const current = useDraftSelector((s) => s.revision)
  const [revision, setRevision] = useState(current)
  useEffect(() => {
    const timer = window.setTimeout(() => setRevision(current), VERIFY_DELAY_MS)
    return () => window.clearTimeout(timer)
  }, [current])
  const query = useQuery({
    queryKey: ['builder', app, 'verify', revision],
    queryFn: () => builderApi.verify(app, getDraft()),
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
    retry: false,
  })
  return {
    problems: query.data?.errors ?? NONE,
    checking: query.isFetching || revision !== current,
    error: query.error,
    revision,
  }
}
