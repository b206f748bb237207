/** A small HTTP client for the proof tests: JSON in, status and JSON out, never a thrown HTTP error. */

export interface Answer<T = Record<string, unknown>> {
  status: number
  body: T
  headers: Headers
}

export interface Client {
  base: string
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<Answer<T>>
}

/** Talks to one server as the bearer of `token` (no CSRF token needed for bearer calls). */
export function client(base: string, token?: string): Client {
  return {
    base,
    async call<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
      const headers: Record<string, string> = {}
      if (token) headers.authorization = `Bearer ${token}`
      if (body !== undefined) headers['content-type'] = 'application/json'
      try {
        const res = await fetch(`${base}${path}`, {
          method,
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(30_000),
        })
        const text = await res.text()
        let parsed: unknown = text
        try {
          parsed = text ? JSON.parse(text) : null
        } catch {}
        return { status: res.status, body: parsed as T, headers: res.headers }
      } catch (err) {
        // A refused or reset connection (a killed process): status 0, so callers count it as not accepted.
        return { status: 0, body: { error: String(err) } as T, headers: new Headers() }
      }
    },
  }
}

/** Signs in with a password and creates an API token for the user. */
export async function tokenFor(base: string, email: string, password: string): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (login.status !== 200) throw new Error(`login ${email}: ${login.status} ${await login.text()}`)
  const { csrfToken } = (await login.json()) as { csrfToken: string }
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c?.startsWith('tessera_session='))
  if (!cookie) throw new Error('login set no session cookie')
  const res = await fetch(`${base}/api/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'proof' }),
  })
  if (res.status !== 201) throw new Error(`token: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { token: string }).token
}
