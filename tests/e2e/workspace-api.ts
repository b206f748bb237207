/**
 * Setup calls the team-side browser tests make over HTTP (users, members, public links), so the
 * browser part can spend its time on what people click.
 */
export interface ApiSession {
  url: string
  cookie: string
  csrf: string
}

export async function apiLogin(url: string, email: string, password: string): Promise<ApiSession> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`)
  const body = (await res.json()) as { csrfToken: string }
  const cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ')
  return { url, cookie, csrf: body.csrfToken }
}

export async function api<T>(s: ApiSession, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${s.url}/api${path}`, {
    method,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
  return (text ? JSON.parse(text) : undefined) as T
}

/** A user with app roles and attributes (e.g. a sales rep of a region). */
export async function addMember(
  admin: ApiSession,
  app: string,
  user: { email: string; name: string; password: string },
  roles: string[],
  attributes: Record<string, string> = {},
): Promise<string> {
  const created = await api<{ id: string }>(admin, 'POST', '/users', user)
  await api(admin, 'PUT', `/apps/${app}/members/${created.id}`, { roles, attributes })
  return created.id
}
