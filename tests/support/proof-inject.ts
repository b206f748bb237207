import { Writable } from 'node:stream'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Store, openDatabase } from '@tessera/runtime'
import {
  type ServerStore,
  bootstrapAdmin,
  buildApp,
  createServerEngine,
  createServerStore,
} from '@tessera/server'
import { sql } from 'kysely'
import { proofApp } from './proof-app.js'

type FastifyInstance = Awaited<ReturnType<typeof buildApp>>

export const INJECT_ADMIN = { email: 'admin@inject.test', password: 'inject admin password 1' }
const fastPasswords = { memoryCost: 1024, timeCost: 1 }

export interface Session {
  read: Record<string, string>
  write: Record<string, string>
  userId: string
  cookieValue: string
}

export interface InjectWorld {
  app: FastifyInstance
  runtime: Store
  store: ServerStore
  /** every line the fastify logger wrote */
  logs: string[]
  login(email: string, password: string): Promise<Session>
  /** a user with `roles` in `appKey` (created through the API as the admin) */
  member(email: string, appKey: string, roles: string[]): Promise<Session>
  admin: Session
  close(): Promise<void>
}

/**
 * The server as `start` builds it, on embedded PGlite in memory, with its logger captured at
 * `info` (so request lines are kept) and the proof app and a second app published.
 */
export async function openInjectWorld(options: { uiDir?: string | null } = {}): Promise<InjectWorld> {
  const runtime = await openDatabase({ memory: true })
  const store = await createServerStore(runtime, {})
  await bootstrapAdmin(store, INJECT_ADMIN, fastPasswords)
  const engine = createServerEngine(runtime, store, { deliverAfterCommit: false })
  const logs: string[] = []
  const stream = new Writable({
    write(chunk, _enc, done) {
      if (logs.length < 50_000) logs.push(String(chunk))
      done()
    },
  })
  const app = await buildApp({
    engine,
    store,
    options: {
      logger: { level: 'info', stream },
      background: false,
      passwordCost: fastPasswords,
      filesDir: mkdtempSync(join(tmpdir(), 'tessera-proof-files-')),
      rateLimit: { max: 100_000, windowMs: 60_000 },
      loginLimit: { perAccount: 1000, perAddress: 1000, windowMs: 60_000 },
      uiDir: options.uiDir ?? null,
    },
  })
  await app.ready()

  const login = async (email: string, password: string): Promise<Session> => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
    if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`)
    const cookieValue = res.cookies.find((c) => c.name === 'tessera_session')?.value ?? ''
    const cookie = `tessera_session=${cookieValue}`
    const body = res.json() as { csrfToken: string; user: { id: string } }
    return {
      read: { cookie },
      write: { cookie, 'x-csrf-token': body.csrfToken },
      userId: body.user.id,
      cookieValue,
    }
  }
  const admin = await login(INJECT_ADMIN.email, INJECT_ADMIN.password)
  for (const [key, definition] of [
    ['proof', proofApp({ webhookUrl: 'https://hooks.example/proof', timer: 'PT1H' })],
    ['other', { ...proofApp({ webhookUrl: 'https://hooks.example/other', timer: 'PT1H' }), key: 'other' }],
  ] as const) {
    const saved = await app.inject({
      method: 'PUT',
      url: `/api/apps/${key}/draft`,
      headers: admin.write,
      payload: definition,
    })
    if (saved.statusCode !== 200) throw new Error(`draft ${key}: ${saved.body}`)
    const pub = await app.inject({
      method: 'POST',
      url: `/api/apps/${key}/publish`,
      headers: admin.write,
      payload: {},
    })
    if (pub.statusCode !== 200) throw new Error(`publish ${key}: ${pub.body}`)
  }
  return {
    app,
    runtime,
    store,
    logs,
    login,
    admin,
    async member(email, appKey, roles) {
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
        payload: { roles, attributes: {} },
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

/** The stored data a rejected request must not change: a digest per table (audit and sessions excluded). */
const FINGERPRINTED = [
  'app',
  'app_version',
  'record',
  'workflow_instance',
  'event',
  'timer',
  'outbox',
  'serial_counter',
  'unique_value',
  'round_robin',
  'app_user',
  'membership',
  'api_token',
  'file',
  'import_job',
  'public_link',
  'record_comment',
] as const

export async function fingerprint(db: Store['db']): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const table of FINGERPRINTED) {
    const r = await sql<{ digest: string }>`
      select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest
      from ${sql.table(table)} t`.execute(db)
    out[table] = r.rows[0]?.digest ?? ''
  }
  return out
}

export interface RouteSpec {
  method: string
  /** the OpenAPI path, e.g. /api/records/{id} */
  path: string
  params: string[]
  multipart: boolean
}

/** Every operation in the server's own OpenAPI document. */
export async function routesOf(app: FastifyInstance): Promise<RouteSpec[]> {
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' })
  const doc = res.json() as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>
  }
  const routes: RouteSpec[] = []
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue
      routes.push({
        method: method.toUpperCase(),
        path,
        params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string),
        multipart: Object.keys(op.requestBody?.content ?? {}).includes('multipart/form-data'),
      })
    }
  }
  return routes
}
