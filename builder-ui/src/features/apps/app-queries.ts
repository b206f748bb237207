import type { FormDefinition, WorkflowDefinition } from '@tessera/schemas'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../../api/api.js'

export const appsQuery = queryOptions({ queryKey: ['apps'], queryFn: () => api.apps() })
export const useApps = () => useQuery(appsQuery)

export const appQueryKey = (app: string) => ['apps', app] as const
export const appQuery = (app: string) =>
  queryOptions({ queryKey: appQueryKey(app), queryFn: () => api.app(app), staleTime: 60_000 })
export const useApp = (app: string) => useQuery({ ...appQuery(app), enabled: app !== '' })

export const membersQuery = (app: string) =>
  queryOptions({ queryKey: ['apps', app, 'members'], queryFn: () => api.members(app), staleTime: 60_000 })
// no app (a builder preview, a public form): no members to pick from
export const useMembers = (app: string) => useQuery({ ...membersQuery(app), enabled: app !== '' })

/** The form and the workflow that governs it, from the app's published definition. */
export function useForm(app: string, form: string) {
  const q = useApp(app)
  const definition = q.data?.definition
  const formDef: FormDefinition | undefined = definition?.forms.find((f) => f.key === form)
  const workflow: WorkflowDefinition | undefined = definition?.workflows?.find((w) => w.form === form)
  return { ...q, definition, form: formDef, workflow }
}
