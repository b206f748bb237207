import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { inboxQueryKey } from '../inbox/inbox-queries.js'
import { recordQueryKey, recordsQueryKey } from '../records/record-queries.js'
import { parseChange } from './parse-change.js'

/**
 * Listens to /api/events/stream and marks the queries a change touches as stale, so what others do
 * appears without a reload. EventSource reconnects by itself after a drop.
 */
export function useEventStream() {
  const qc = useQueryClient()
  useEffect(() => {
    if (typeof EventSource === 'undefined') return
    const source = new EventSource('/api/events/stream', { withCredentials: true })
    const onChange = (e: MessageEvent<string>) => {
      const change = parseChange(e.data)
      if (!change) return
      if (change.recordId) qc.invalidateQueries({ queryKey: recordQueryKey(change.recordId) })
      if (change.app && change.form)
        qc.invalidateQueries({ queryKey: recordsQueryKey(change.app, change.form) })
      else qc.invalidateQueries({ queryKey: ['records'] })
      qc.invalidateQueries({ queryKey: inboxQueryKey })
    }
    source.onmessage = onChange
    // the server sends `record` {app, form, id, version} and `list` {app, form}
    for (const type of ['record', 'list']) source.addEventListener(type, onChange as EventListener)
    return () => source.close()
  }, [qc])
}
