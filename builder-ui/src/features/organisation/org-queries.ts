import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { inboxQueryKey } from '../inbox/inbox-queries.js'
import { orgApi } from './org-api.js'

export const orgKeys = {
  departments: ['departments'] as const,
  users: ['org', 'users'] as const,
  deactivatedWork: ['open-work', 'deactivated'] as const,
}

export const useDepartments = () => useQuery({ queryKey: orgKeys.departments, queryFn: orgApi.departments })

/** Every platform user with the active flag (platform admin only). */
export const usePlatformUsers = (enabled = true) =>
  useQuery({ queryKey: orgKeys.users, queryFn: orgApi.users, enabled })

export const useDeactivatedWork = () =>
  useQuery({ queryKey: orgKeys.deactivatedWork, queryFn: orgApi.deactivatedWork })

/** Any change to the tree: the tree is read again (the server answers only the department changed). */
export function useDepartmentChange<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSettled: () => qc.invalidateQueries({ queryKey: orgKeys.departments }),
  })
}

export function useSetActive() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (v: { id: string; active: boolean }) => orgApi.setActive(v.id, v.active),
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: orgKeys.users }),
        qc.invalidateQueries({ queryKey: orgKeys.deactivatedWork }),
      ]),
  })
}

/** Hands records on; the deactivated list and my inbox are read again whatever the per-record answers. */
export function useReassign() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: orgApi.reassign,
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: orgKeys.deactivatedWork }),
        qc.invalidateQueries({ queryKey: inboxQueryKey }),
        qc.invalidateQueries({ queryKey: ['record'] }),
      ]),
  })
}
