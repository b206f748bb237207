import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/api.js'
import { ApiError } from '../../api/api-error.js'
import { setCsrfToken } from '../../api/http.js'

export const meQueryKey = ['me'] as const
export const meQuery = queryOptions({
  queryKey: meQueryKey,
  queryFn: async () => {
    const me = await api.me()
    if (me.csrfToken) setCsrfToken(me.csrfToken)
    return me
  },
  retry: false,
  staleTime: 60_000,
})

/** The signed-in user, or `null` when the server says 401. */
export function useSession() {
  const q = useQuery(meQuery)
  const signedOut = q.error instanceof ApiError && q.error.status === 401
  return { ...q, me: q.data ?? null, signedOut }
}

export function useLogin() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (v: { email: string; password: string }) => api.login(v.email, v.password),
    onSuccess: () => qc.invalidateQueries({ queryKey: meQueryKey }),
  })
}

export function useLogout() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: () => api.logout(),
    onSettled: () => qc.clear(),
  })
}
