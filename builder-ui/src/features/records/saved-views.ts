import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { request } from '../../api/http.js'
import type { ColumnFilter } from './list-filter.js'

/** A table setup the user named: filters, search, sort, visible columns and their widths. */
export interface ViewSettings {
  filters: Record<string, ColumnFilter>
  q: string
  sort?: string
  columns: string[]
  widths?: Record<string, number>
  /** the app-defined view this setup starts from, and its filter */
  appView?: string
  baseFilter?: Record<string, unknown>
}

/** A saved view as the server answers it: mine, or shared with me by its owner. */
export interface SavedView {
  id: string
  name: string
  owner: string
  ownerName: string | null
  shared: boolean
  role: string | null
  settings: ViewSettings
  mine: boolean
  canEdit: boolean
}

export interface ViewChange {
  name?: string
  shared?: boolean
  role?: string | null
  settings?: ViewSettings
}

const enc = encodeURIComponent
export const savedViewsQuery = (app: string, form: string) =>
  queryOptions({
    queryKey: ['apps', app, 'forms', form, 'views'],
    queryFn: async () =>
      (await request<{ items: SavedView[] }>(`/apps/${enc(app)}/forms/${enc(form)}/views`)).items,
  })

/** The views of one form this user may use, and the ways to save, change and delete them. */
export function useSavedViews(app: string, form: string) {
  const client = useQueryClient()
  const query = useQuery(savedViewsQuery(app, form))
  const refresh = () => client.invalidateQueries({ queryKey: savedViewsQuery(app, form).queryKey })
  const create = useMutation({
    mutationFn: (body: { name: string; shared: boolean; settings: ViewSettings }) =>
      request<SavedView>(`/apps/${enc(app)}/forms/${enc(form)}/views`, { method: 'POST', body }),
    onSuccess: refresh,
  })
  const update = useMutation({
    mutationFn: ({ id, change }: { id: string; change: ViewChange }) =>
      request<SavedView>(`/views/${enc(id)}`, { method: 'PATCH', body: change }),
    onSuccess: refresh,
  })
  const remove = useMutation({
    mutationFn: (id: string) => request<void>(`/views/${enc(id)}`, { method: 'DELETE' }),
    onSuccess: refresh,
  })
  return { views: query.data ?? [], create, update, remove }
}
