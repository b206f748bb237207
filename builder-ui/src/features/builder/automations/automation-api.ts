import { request } from '../../../api/http.js'
import type { ListResult } from '../../../api/wire-types.js'

export const RUN_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'skipped'] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

/** A run as GET /api/apps/:app/automations/runs answers it (server/src/routes/automation-routes.ts). */
export interface AutomationRun {
  id: string
  automation: string
  status: RunStatus
  attempts: number
  recordId?: string | null
  trigger?: Record<string, unknown>
  input?: Record<string, unknown>
  output?: Record<string, unknown> | null
  error?: Record<string, unknown> | null
  createdAt: string
  startedAt?: string | null
  finishedAt?: string | null
}

/** What a dry run says: whether the condition holds and what each action would do (or why it fails). */
export interface DryRunResult {
  automation: string
  recordId: string | null
  condition: boolean
  actions: { index: number; plan?: Record<string, unknown>; error?: Record<string, unknown> }[]
}

const enc = encodeURIComponent

export const automationApi = {
  runs: async (app: string, filter: { automation?: string; status?: RunStatus; limit?: number }) =>
    (
      await request<{ items: AutomationRun[] }>(`/apps/${enc(app)}/automations/runs`, {
        query: { automation: filter.automation, status: filter.status, limit: filter.limit ?? 100 },
      })
    ).items,
  replay: (id: string) => request<AutomationRun>(`/automation-runs/${enc(id)}/replay`, { method: 'POST' }),
  test: (app: string, key: string, recordId: string | null) =>
    request<DryRunResult>(`/apps/${enc(app)}/automations/${enc(key)}/test`, {
      method: 'POST',
      body: recordId ? { recordId } : {},
    }),
  records: (app: string, form: string, q: string) =>
    request<ListResult>(`/apps/${enc(app)}/forms/${enc(form)}/records`, {
      query: { q: q || undefined, limit: 20 },
    }),
}
