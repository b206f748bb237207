import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type ListParams } from '../../api/api.js'
import { inboxQueryKey } from '../inbox/inbox-queries.js'

export const recordsQueryKey = (app: string, form: string) => ['records', app, form] as const
export const recordQueryKey = (id: string) => ['record', id] as const

export const recordsQuery = (app: string, form: string, params: ListParams) =>
  queryOptions({
    queryKey: [...recordsQueryKey(app, form), params],
    queryFn: () => api.list(app, form, params),
    // the table keeps the old page on screen while the next one loads
    placeholderData: keepPreviousData,
  })
export const useRecords = (app: string, form: string, params: ListParams, enabled = true) =>
  useQuery({ ...recordsQuery(app, form, params), enabled })

export const recordQuery = (id: string) =>
  queryOptions({ queryKey: recordQueryKey(id), queryFn: () => api.record(id) })
export const useRecord = (id: string) => useQuery(recordQuery(id))

export const useRecordEvents = (id: string) =>
  useQuery({ queryKey: [...recordQueryKey(id), 'events'], queryFn: () => api.events(id) })

/** After any write the record, its lists and the inbox are stale. */
function useInvalidateAfterWrite() {
  const qc = useQueryClient()
  return (id: string | undefined) => {
    if (id) qc.invalidateQueries({ queryKey: recordQueryKey(id) })
    qc.invalidateQueries({ queryKey: ['records'] })
    qc.invalidateQueries({ queryKey: inboxQueryKey })
  }
}

export function useSubmitRecord(app: string, form: string) {
  const done = useInvalidateAfterWrite()
  return useMutation({
    mutationFn: (data: Record<string, unknown>) => api.submit(app, form, data),
    onSuccess: (r) => done(r.id),
  })
}

export function useUpdateRecord(id: string) {
  const done = useInvalidateAfterWrite()
  return useMutation({
    mutationFn: (v: { data: Record<string, unknown>; version: number }) => api.update(id, v.data, v.version),
    onSuccess: () => done(id),
  })
}

export interface TransitionVars {
  id: string
  transition: string
  data: Record<string, unknown>
  version: number
}

export function useTransition() {
  const done = useInvalidateAfterWrite()
  return useMutation({
    mutationFn: (v: TransitionVars) => api.transition(v.id, v.transition, v.data, v.version),
    onSettled: (_r, _e, v) => done(v.id),
  })
}

export function useDecision(id: string) {
  const done = useInvalidateAfterWrite()
  return useMutation({
    mutationFn: (v: { decision: 'approve' | 'reject'; comment?: string; version: number }) =>
      api.decide(id, v.decision, v.comment, v.version),
    onSettled: () => done(id),
  })
}

export const useRecordComments = (id: string) =>
  useQuery({ queryKey: [...recordQueryKey(id), 'comments'], queryFn: () => api.comments(id) })

export function useAddComment(id: string) {
  const done = useInvalidateAfterWrite()
  return useMutation({ mutationFn: (text: string) => api.comment(id, text), onSuccess: () => done(id) })
}
