import type { AppDefinition } from '@tessera/schemas'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError } from '../../api/api-error.js'
import { builderApi, type DraftState } from './builder-api.js'

export const builderKeys = {
  draft: (app: string) => ['builder', app, 'draft'] as const,
  published: (app: string) => ['builder', app, 'published'] as const,
  versions: (app: string) => ['builder', app, 'versions'] as const,
  members: (app: string) => ['apps', app, 'members'] as const,
  users: ['builder', 'users'] as const,
}

/**
 * The draft to edit: the saved draft, else a copy of the published version (an app installed from a
 * template has no draft until its first edit).
 */
export const draftQuery = (app: string) =>
  queryOptions({
    queryKey: builderKeys.draft(app),
    queryFn: async (): Promise<DraftState> => {
      try {
        return await builderApi.draft(app)
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 404) throw error
        const published = await builderApi.published(app)
        return { definition: published.definition, publishedVersion: published.version }
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  })
export const useDraftQuery = (app: string) => useQuery(draftQuery(app))

/** The published definition, or `null` before the first publish. */
export const usePublished = (app: string) =>
  useQuery({
    queryKey: builderKeys.published(app),
    queryFn: async () => {
      try {
        return await builderApi.published(app)
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null
        throw error
      }
    },
  })

export const useVersions = (app: string) =>
  useQuery({ queryKey: builderKeys.versions(app), queryFn: () => builderApi.versions(app) })

export const useBuilderMembers = (app: string) =>
  useQuery({ queryKey: builderKeys.members(app), queryFn: () => builderApi.members(app) })

export const useUsers = () => useQuery({ queryKey: builderKeys.users, queryFn: () => builderApi.users() })

export function usePutMember(app: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (v: { user: string; roles: string[]; attributes: Record<string, unknown> }) =>
      builderApi.putMember(app, v.user, { roles: v.roles, attributes: v.attributes }),
    onSuccess: () => qc.invalidateQueries({ queryKey: builderKeys.members(app) }),
  })
}

/** Saves a whole definition as the app's draft outside the editor (home: new app, rename, roles). */
export function useSaveDraft() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (definition: AppDefinition) => builderApi.saveDraft(definition.key, definition),
    onSuccess: (_problems, definition) => {
      qc.removeQueries({ queryKey: builderKeys.draft(definition.key) })
      return qc.invalidateQueries({ queryKey: ['apps'] })
    },
  })
}
