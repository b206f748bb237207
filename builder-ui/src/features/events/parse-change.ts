/** What a stream message tells us: which record (and list) changed. */
export interface Change {
  recordId?: string
  app?: string
  form?: string
  version?: number
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined)

/** Parses one SSE `data:` payload; anything unreadable (a heartbeat) is ignored. */
export function parseChange(data: string): Change | null {
  let v: unknown
  try {
    v = JSON.parse(data)
  } catch {
    return null
  }
  if (typeof v !== 'object' || v === null) return null
  const o = v as Record<string, unknown>
  const recordId = str(o.recordId) ?? str(o.id)
  const app = str(o.app)
  const form = str(o.form)
  if (!recordId && !app) return null
  return { recordId, app, form, version: typeof o.version === 'number' ? o.version : undefined }
}
