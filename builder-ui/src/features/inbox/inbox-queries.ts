import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../../api/api.js'

export const inboxQueryKey = ['inbox'] as const
export const inboxQuery = queryOptions({ queryKey: inboxQueryKey, queryFn: () => api.inbox({ limit: 200 }) })

export const useInbox = () => useQuery(inboxQuery)

/** The number on the top bar; 0 while loading or when the inbox cannot be read. */
export function useInboxCount(): number {
  const q = useQuery(inboxQuery)
  return q.data?.items.length ?? 0
}
