import { request } from '../../api/http.js'

/** One department as GET /api/departments lists it: members are user ids in join order. */
export interface Department {
  key: string
  name: string
  parent: string | null
  head: string | null
  members: string[]
}

/** A platform user as GET /api/users answers (platform admin). */
export interface PlatformUser {
  id: string
  email: string
  name: string
  active: boolean
  isAdmin?: boolean
}

/** A record someone holds: assigned to them, or awaiting their decision, in a non-final state. */
export interface OpenWorkItem {
  recordId: string
  app: string
  form: string
  state: string
  version: number
  assignee: string | null
  approval: boolean
  updatedAt: string
  /** what names the record, from the fields the caller may see (absent when none has a value) */
  title?: string
}

export interface DeactivatedWork {
  user: PlatformUser
  items: OpenWorkItem[]
}

export interface ReassignResult {
  id: string
  ok: boolean
  version?: number
  code?: string
  message?: string
}

const enc = encodeURIComponent

/** The organisation's HTTP calls: departments, users' active flag, open work and its reassignment. */
export const orgApi = {
  departments: async () => (await request<{ items: Department[] }>('/departments')).items,
  createDepartment: (body: { key: string; name: string; parent?: string | null; head?: string | null }) =>
    request<Department>('/departments', { method: 'POST', body }),
  updateDepartment: (key: string, body: { name?: string; parent?: string | null; head?: string | null }) =>
    request<Department>(`/departments/${enc(key)}`, { method: 'PATCH', body }),
  deleteDepartment: (key: string) => request<void>(`/departments/${enc(key)}`, { method: 'DELETE' }),
  addMember: (key: string, user: string) =>
    request<Department>(`/departments/${enc(key)}/members/${enc(user)}`, { method: 'PUT' }),
  removeMember: (key: string, user: string) =>
    request<void>(`/departments/${enc(key)}/members/${enc(user)}`, { method: 'DELETE' }),
  users: () => request<PlatformUser[]>('/users'),
  setActive: (id: string, active: boolean) =>
    request<PlatformUser>(`/users/${enc(id)}`, { method: 'PATCH', body: { active } }),
  openWork: async (id: string) =>
    (await request<{ items: OpenWorkItem[] }>(`/users/${enc(id)}/open-work`)).items,
  deactivatedWork: async () =>
    (await request<{ people: DeactivatedWork[] }>('/open-work/deactivated')).people,
  reassign: async (body: { from: string; to: string; records: { id: string; version?: number }[] }) =>
    (await request<{ results: ReassignResult[] }>('/open-work/reassign', { method: 'POST', body })).results,
}
