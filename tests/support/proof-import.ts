import type { Client } from './proof-client.js'

/** A CSV of `count` proof tasks with refs `<prefix>-0..` (headers are the field keys). */
export function taskCsv(prefix: string, count: number): string {
  const lines = ['ref,title']
  for (let i = 0; i < count; i++) lines.push(`${prefix}-${i},Imported ${i}`)
  return `${lines.join('\n')}\n`
}

export interface ImportJobBody {
  id: string
  status: 'pending' | 'running' | 'done' | 'failed'
  created: number
  failed: number
  processed: number
}

/** Uploads a CSV to the proof task form; answers the job (202) or the error. */
export async function uploadImport(
  base: string,
  token: string,
  csv: string,
): Promise<{ status: number; job: ImportJobBody }> {
  const form = new FormData()
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'tasks.csv')
  try {
    const res = await fetch(`${base}/api/apps/proof/forms/task/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
      signal: AbortSignal.timeout(30_000),
    })
    return { status: res.status, job: (await res.json()) as ImportJobBody }
  } catch {
    return { status: 0, job: { id: '', status: 'failed', created: 0, failed: 0, processed: 0 } }
  }
}

/** Polls an import job until it is done or failed (bounded by `timeoutMs`). */
export async function awaitImport(c: Client, jobId: string, timeoutMs: number): Promise<ImportJobBody> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const res = await c.call<ImportJobBody>('GET', `/api/apps/proof/forms/task/imports/${jobId}`)
    if (res.status === 200 && (res.body.status === 'done' || res.body.status === 'failed')) return res.body
    if (Date.now() > deadline) throw new Error(`import ${jobId} not finished: ${JSON.stringify(res.body)}`)
    await new Promise((r) => setTimeout(r, 300))
  }
}
