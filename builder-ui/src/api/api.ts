import type { AppDefinition } from '@tessera/schemas'
import { request, setCsrfToken } from './http.js'
import type {
  AppSummary,
  Comment,
  EventView,
  ImportJob,
  InboxResult,
  RoleQueue,
  ListResult,
  Me,
  Member,
  MemberWire,
  NotificationItem,
  NotificationPage,
  PublicForm,
  PublishedApp,
  RecordDetail,
  RecordView,
} from './wire-types.js'

/** A list query as the server takes it (DESIGN.md "Interfaces": filter JSON, sort `-field`). */
export interface ListParams {
  filter?: Record<string, unknown>
  sort?: string
  limit?: number
  cursor?: string | null
  q?: string
}

const listQuery = (p: ListParams) => ({
  filter: p.filter && Object.keys(p.filter).length > 0 ? JSON.stringify(p.filter) : undefined,
  sort: p.sort,
  limit: p.limit,
  cursor: p.cursor ?? undefined,
  q: p.q,
})

const enc = encodeURIComponent

/** The server may answer a bare list or `{items}`; the UI sees a list either way. */
function items<T>(v: T[] | { items: T[] }): T[] {
  return Array.isArray(v) ? v : v.items
}

/** GET /api/apps/:app may return the definition itself or `{version, definition}`. */
function toPublished(v: AppDefinition | PublishedApp): PublishedApp {
  if ('definition' in v) return v
  return { version: v.version ?? 0, definition: v }
}

export const api = {
  async login(email: string, password: string) {
    const res = await request<{ user: Me['user']; csrfToken: string }>('/auth/login', {
      method: 'POST',
      body: { email, password },
    })
    setCsrfToken(res.csrfToken)
    return res
  },
  async logout() {
    try {
      await request<unknown>('/auth/logout', { method: 'POST' })
    } finally {
      setCsrfToken(null)
    }
  },
  me: () => request<Me>('/me'),
  apps: async () => items(await request<AppSummary[] | { items: AppSummary[] }>('/apps')),
  app: async (app: string) => toPublished(await request<AppDefinition | PublishedApp>(`/apps/${enc(app)}`)),
  members: async (app: string): Promise<Member[]> =>
    (await request<MemberWire[]>(`/apps/${enc(app)}/members`)).map((m) => ({
      userId: m.userId,
      name: m.user?.name ?? m.userId,
      email: m.user?.email,
      roles: m.roles,
      attributes: m.attributes,
    })),
  list: (app: string, form: string, params: ListParams) =>
    request<ListResult>(`/apps/${enc(app)}/forms/${enc(form)}/records`, { query: listQuery(params) }),
  submit: (app: string, form: string, data: Record<string, unknown>) =>
    request<RecordView>(`/apps/${enc(app)}/forms/${enc(form)}/records`, { method: 'POST', body: { data } }),
  record: (id: string) => request<RecordDetail>(`/records/${enc(id)}`),
  update: (id: string, data: Record<string, unknown>, version: number) =>
    request<RecordView>(`/records/${enc(id)}`, { method: 'PATCH', body: { data, version } }),
  transition: (id: string, transition: string, data: Record<string, unknown>, version: number) =>
    request<RecordView>(`/records/${enc(id)}/transitions/${enc(transition)}`, {
      method: 'POST',
      body: { data, version },
    }),
  decide: (id: string, decision: 'approve' | 'reject', comment: string | undefined, version: number) =>
    request<RecordView>(`/records/${enc(id)}/decisions`, {
      method: 'POST',
      body: { decision, comment, version },
    }),
  events: async (id: string) =>
    items(await request<EventView[] | { items: EventView[] }>(`/records/${enc(id)}/events`)),
  comments: (id: string) => request<Comment[]>(`/records/${enc(id)}/comments`),
  comment: (id: string, text: string) =>
    request<Comment>(`/records/${enc(id)}/comments`, { method: 'POST', body: { body: text } }),
  notifications: (params: { limit?: number; cursor?: string | null } = {}) =>
    request<NotificationPage>('/notifications', { query: { limit: params.limit, cursor: params.cursor } }),
  unreadNotifications: () => request<{ count: number }>('/notifications/unread-count'),
  readNotification: (id: string) =>
    request<NotificationItem>(`/notifications/${enc(id)}/read`, { method: 'POST' }),
  readAllNotifications: () => request<{ updated: number }>('/notifications/read-all', { method: 'POST' }),
  inbox: (params: { limit?: number } = {}) =>
    request<InboxResult>('/inbox', { query: { limit: params.limit } }),
  inboxQueues: () => request<{ queues: RoleQueue[] }>('/inbox/queues'),
  importJob: (app: string, form: string, job: string) =>
    request<ImportJob>(`/apps/${enc(app)}/forms/${enc(form)}/imports/${enc(job)}`),
  publicForm: (token: string) => request<PublicForm>(`/public/forms/${enc(token)}`),
  publicSubmit: (token: string, data: Record<string, unknown>, honeypot: string) =>
    request<{ ok: boolean; id?: string }>(`/public/forms/${enc(token)}`, {
      method: 'POST',
      // `_hp` is the server's honeypot: a person leaves it empty, a bot fills it
      body: honeypot ? { data, _hp: honeypot } : { data },
    }),
}

/** Paths for plain links (downloads): the browser sends the cookie itself. */
export const apiPaths = {
  exportUrl: (app: string, form: string, format: 'csv' | 'xlsx', p: ListParams) => {
    const qs = new URLSearchParams({ format })
    const q = listQuery(p)
    if (q.filter) qs.set('filter', q.filter)
    if (q.sort) qs.set('sort', q.sort)
    if (q.q) qs.set('q', q.q)
    return `/api/apps/${enc(app)}/forms/${enc(form)}/export?${qs}`
  },
  importErrorsUrl: (app: string, form: string, job: string) =>
    `/api/apps/${enc(app)}/forms/${enc(form)}/imports/${enc(job)}/errors.csv`,
  fileUrl: (id: string) => `/api/files/${enc(id)}`,
}
