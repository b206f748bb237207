import type { AppDefinition, Problem, VerifyResult } from '@tessera/schemas'
import { request } from '../../api/http.js'

/** One published version as the history lists it. */
export interface VersionSummary {
  version: number
  publishedAt?: string
  publishedBy?: string | null
  publishedByName?: string | null
}

/** What the server holds for an app being built: the draft, and the published version it started from. */
export interface DraftState {
  definition: AppDefinition
  /** the published version number, `null` before the first publish */
  publishedVersion: number | null
}

export interface UserSummary {
  id: string
  email: string
  name: string
  active?: boolean
}

/** A member as GET /api/apps/:app/members answers: the user nested, or (older shape) flattened. */
export interface BuilderMember {
  userId: string
  roles: string[]
  attributes?: Record<string, unknown>
  available?: boolean
  user?: UserSummary
  name?: string
  email?: string
}

export const memberName = (m: BuilderMember) => m.user?.name ?? m.name ?? m.userId
export const memberEmail = (m: BuilderMember) => m.user?.email ?? m.email

const enc = encodeURIComponent
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** The draft route may answer the definition or `{definition, ...}`; the builder sees a definition. */
function unwrapDefinition(body: unknown): AppDefinition {
  if (isRecord(body) && isRecord(body.definition)) return body.definition as unknown as AppDefinition
  return body as AppDefinition
}

/** Findings may come as `{ok, errors}`, `{findings}`, `{problems}` or a bare list; all read as Problem[]. */
export function readFindings(body: unknown): Problem[] {
  if (Array.isArray(body)) return body as Problem[]
  if (!isRecord(body)) return []
  for (const key of ['errors', 'findings', 'problems']) {
    const list = body[key]
    if (Array.isArray(list)) return list as Problem[]
  }
  if (isRecord(body.verify)) return readFindings(body.verify)
  return []
}

const list = <T>(body: T[] | { items: T[] }): T[] => (Array.isArray(body) ? body : body.items)

/** The builder's HTTP calls (DESIGN.md "Interfaces"), over the shell's one fetch wrapper. */
export const builderApi = {
  draft: async (app: string): Promise<DraftState> => {
    const body = await request<unknown>(`/apps/${enc(app)}/draft`)
    const version = isRecord(body) && typeof body.publishedVersion === 'number' ? body.publishedVersion : null
    return { definition: unwrapDefinition(body), publishedVersion: version }
  },
  published: async (app: string): Promise<{ version: number; definition: AppDefinition }> => {
    const body = await request<unknown>(`/apps/${enc(app)}`)
    const definition = unwrapDefinition(body)
    const version =
      isRecord(body) && typeof body.version === 'number' ? body.version : (definition.version ?? 0)
    return { version, definition }
  },
  saveDraft: async (app: string, definition: AppDefinition): Promise<Problem[]> =>
    readFindings(await request<unknown>(`/apps/${enc(app)}/draft`, { method: 'PUT', body: definition })),
  verify: async (app: string, definition: AppDefinition): Promise<VerifyResult> => {
    const errors = readFindings(
      await request<unknown>(`/apps/${enc(app)}/verify`, { method: 'POST', body: definition }),
    )
    return { ok: errors.length === 0, errors }
  },
  publish: (app: string, body: { migration?: { states: Record<string, string> } } = {}) =>
    request<{ version: number }>(`/apps/${enc(app)}/publish`, { method: 'POST', body }),
  versions: async (app: string) =>
    list(await request<VersionSummary[] | { items: VersionSummary[] }>(`/apps/${enc(app)}/versions`)),
  version: async (app: string, version: number) =>
    unwrapDefinition(await request<unknown>(`/apps/${enc(app)}/versions/${version}`)),
  members: async (app: string) =>
    list(await request<BuilderMember[] | { items: BuilderMember[] }>(`/apps/${enc(app)}/members`)),
  putMember: (app: string, user: string, body: { roles: string[]; attributes: Record<string, unknown> }) =>
    request<BuilderMember>(`/apps/${enc(app)}/members/${enc(user)}`, { method: 'PUT', body }),
  users: async () => list(await request<UserSummary[] | { items: UserSummary[] }>('/users')),
}
