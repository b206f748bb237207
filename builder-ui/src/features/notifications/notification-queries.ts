import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/api.js'

export const notificationsQueryKey = ['notifications'] as const
const unreadKey = [...notificationsQueryKey, 'unread'] as const
const listKey = [...notificationsQueryKey, 'list'] as const

/**
 * The unread count on the bell. The event stream's `notification` event refreshes it at once; the
 * minute's poll covers a stream that is closed (a hidden tab) or lost.
 */
export const useUnreadNotifications = () =>
  useQuery({
    queryKey: unreadKey,
    queryFn: api.unreadNotifications,
    refetchInterval: 60_000,
    select: (d) => d.count,
  })

/** My notifications, newest first, a page at a time; read only while the list is open. */
export const useNotifications = (enabled: boolean) =>
  useInfiniteQuery({
    queryKey: listKey,
    queryFn: ({ pageParam }) => api.notifications({ limit: 20, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  })

export function useMarkRead() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (id: string): Promise<unknown> =>
      id === 'all' ? api.readAllNotifications() : api.readNotification(id),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationsQueryKey }),
  })
}
