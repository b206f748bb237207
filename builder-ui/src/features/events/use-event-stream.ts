import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { inboxQueryKey } from '../inbox/inbox-queries.js'
import { notificationsQueryKey } from '../notifications/notification-queries.js'
import { recordQueryKey, recordsQueryKey } from '../records/record-queries.js'
import { parseChange } from './parse-change.js'

/**
 * Listens to /api/events/stream and marks the queries a change touches as stale, so what others do
 * appears without a reload. The stream is open only while the tab is visible: browsers allow six
 * connections per server over HTTP/1.1, and a stream per background tab would use them all up.
 * Coming back to a tab refetches what is on screen, covering what was missed while away.
 */
export function useEventStream() {
  const qc = useQueryClient()
  useEffect(() => {
    if (typeof EventSource === 'undefined') return
    let source: EventSource | null = null
    const onChange = (e: MessageEvent<string>) => {
      const change = parseChange(e.data)
      if (!change) return
      if (change.recordId) qc.invalidateQueries({ queryKey: recordQueryKey(change.recordId) })
      if (change.app && change.form)
        qc.invalidateQueries({ queryKey: recordsQueryKey(change.app, change.form) })
      else qc.invalidateQueries({ queryKey: ['records'] })
      qc.invalidateQueries({ queryKey: inboxQueryKey })
    }
    const open = () => {
      if (source) return
      source = new EventSource('/api/events/stream', { withCredentials: true })
      source.onmessage = onChange
      // the server sends `record` {app, form, id, version} and `list` {app, form}
      for (const type of ['record', 'list']) source.addEventListener(type, onChange as EventListener)
      // and `notification` {app} when my bell has something new; one that came before the stream
      // was (re)connected is missed, so the bell asks again whenever it opens
      const bell = () => qc.invalidateQueries({ queryKey: notificationsQueryKey })
      source.addEventListener('notification', bell)
      source.addEventListener('open', bell)
    }
    const close = () => {
      source?.close()
      source = null
    }
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') return close()
      open()
      qc.invalidateQueries({ refetchType: 'active' })
    }
    if (document.visibilityState !== 'hidden') open()
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      document.removeEventListener('visibilitychange', onVisibility)
      close()
    }
  }, [qc])
}
