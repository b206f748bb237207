import { openAsBlob } from 'node:fs'
import { basename } from 'node:path'

export interface RemoteFlags {
  url?: string
  token?: string
}

/** A thin client of a running server, for commands given --url. */
export function createHttpClient(flags: Required<RemoteFlags>) {
  const base = flags.url.replace(/\/+$/, '')
  const headers = { authorization: `Bearer ${flags.token}` }

  async function request(method: string, path: string, body?: unknown | FormData): Promise<Response> {
    const init: RequestInit = { method, headers: { ...headers } }
    if (body instanceof FormData) init.body = body
    else if (body !== undefined) {
      init.body = JSON.stringify(body)
      init.headers = { ...headers, 'content-type': 'application/json' }
    }
    let res: Response
    try {
      res = await fetch(`${base}${path}`, init)
    } catch (err) {
      // undici says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is its cause
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err
      throw new Error(`cannot reach ${base}: ${cause instanceof Error ? cause.message : String(cause)}`)
    }
    if (!res.ok) {
      const problem = (await res.json().catch(() => null)) as {
        detail?: string
        errors?: { path: string; message: string }[]
      } | null
      const lines = [
        problem?.detail ?? `${res.status} ${res.statusText}`,
        ...(problem?.errors ?? []).map((e) => `  ${e.path}: ${e.message}`),
      ]
      throw new Error(lines.join('\n'))
    }
    return res
  }

  return {
    json: async <T>(method: string, path: string, body?: unknown): Promise<T> =>
      (await request(method, path, body)).json() as Promise<T>,
    raw: request,
    async upload(path: string, file: string, fields: Record<string, string>): Promise<Response> {
      const form = new FormData()
      for (const [k, v] of Object.entries(fields)) form.append(k, v)
      form.append('file', await openAsBlob(file), basename(file))
      return request('POST', path, form)
    },
  }
}

export const hasRemote = (flags: RemoteFlags): flags is Required<RemoteFlags> =>
  Boolean(flags.url && flags.token)
