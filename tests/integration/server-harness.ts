import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestDatabase, TesseraEngine } from '@tessera/runtime'
import {
  type ServerOptions,
  type ServerStore,
  bootstrapAdmin,
  buildApp,
  createServerEngine,
  createServerStore,
} from '@tessera/server'

export const ADMIN = { email: 'admin@desk.test', password: 'admin password 1' }
const fastPasswords = { memoryCost: 1024, timeCost: 1 }
export const deskApp = JSON.parse(
  readFileSync(join(import.meta.dirname, 'server-fixture-app.json'), 'utf8'),
) as Record<string, unknown>

type FastifyInstance = Awaited<ReturnType<typeof buildApp>>

export interface Session {
  /** headers for reads; `write` adds the CSRF token */
  read: Record<string, string>
  write: Record<string, string>
  userId: string
}

export interface ServerHarness {
  app: FastifyInstance
  store: ServerStore
  engine: TesseraEngine
  login(email: string, password: string): Promise<Session>
  /** creates a user through the API and gives them roles in `app` (default `desk`) */
  member(email: string, roles: string[], attributes?: Record<string, string>, app?: string): Promise<Session>
  close(): Promise<void>
}

/** The server as `start` builds it, on a fresh database of the target, driven through app.inject. */
export async function openServer(target: TestDatabase, options: ServerOptions = {}): Promise<ServerHarness> {
  const runtime = await target.open()
  const store = await createServerStore(runtime, target.url ? { databaseUrl: target.url } : {})
  await bootstrapAdmin(store, ADMIN, fastPasswords)
  const engine = createServerEngine(runtime, store, { deliverAfterCommit: false })
  const app = await buildApp({
    engine,
    store,
    options: {
      background: false,
      passwordCost: fastPasswords,
      filesDir: join(tmpdir(), 'tessera-it-files'),
      ...options,
    },
  })
  await app.ready()

  const login = async (email: string, password: string): Promise<Session> => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
    if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`)
    const cookie = `tessera_session=${res.cookies.find((c) => c.name === 'tessera_session')?.value}`
    const body = res.json() as { csrfToken: string; user: { id: string } }
    return { read: { cookie }, write: { cookie, 'x-csrf-token': body.csrfToken }, userId: body.user.id }
  }
  const admin = await login(ADMIN.email, ADMIN.password)
  return {
    app,
    store,
    engine,
    login,
    async member(email, roles, attributes = {}, appKey = 'desk') {
      const password = `${email} password`
      const created = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.write,
        payload: { email, name: email.split('@')[0], password },
      })
      if (created.statusCode !== 201) throw new Error(`user ${email}: ${created.body}`)
      const id = (created.json() as { id: string }).id
      const set = await app.inject({
        method: 'PUT',
        url: `/api/apps/${appKey}/members/${id}`,
        headers: admin.write,
        payload: { roles, attributes },
      })
      if (set.statusCode !== 200) throw new Error(`member ${email}: ${set.body}`)
      return login(email, password)
    },
    async close() {
      await app.close()
      await store.close()
      await runtime.close()
    },
  }
}

/** Saves and publishes the fixture app as the admin. */
export async function publishDesk(
  h: ServerHarness,
  admin: Session,
  definition: Record<string, unknown> = deskApp,
) {
  const saved = await h.app.inject({
    method: 'PUT',
    url: '/api/apps/desk/draft',
    headers: admin.write,
    payload: definition,
  })
  if (saved.statusCode !== 200) throw new Error(`draft: ${saved.body}`)
  const published = await h.app.inject({
    method: 'POST',
    url: '/api/apps/desk/publish',
    headers: admin.write,
    payload: {},
  })
  if (published.statusCode !== 200) throw new Error(`publish: ${published.body}`)
  return published.json() as { version: number }
}

export const json = <T = Record<string, unknown>>(res: { json(): unknown }) => res.json() as T

/** A multipart/form-data body for app.inject: text fields, then one file. */
export function multipart(
  fields: Record<string, string>,
  file: { name: string; type: string; content: Buffer | string },
) {
  const boundary = `----tessera${Math.random().toString(16).slice(2)}`
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  )
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}
