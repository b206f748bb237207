import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Engine, type Store, type TestDatabase, testDatabases } from '@tessera/runtime'
import type { FastifyInstance } from 'fastify'
import type { ServerOptions } from '../app-context.js'
import { buildApp } from '../app.js'
import { bootstrapAdmin } from '../auth/bootstrap-admin.js'
import type { ServerStore } from '../server-store.js'
import { createServerStore } from '../store/create-server-store.js'

export const ADMIN = { email: 'admin@example.com', password: 'admin password 123' }
/** argon2 at its floor: the tests exercise the flow, not the cost. */
export const fastPasswords = { memoryCost: 1024, timeCost: 1 }

export interface TestApp {
  app: FastifyInstance
  store: ServerStore
  runtimeStore: Store
  engine: Engine
  close(): Promise<void>
}

/** Each database the suite runs on: PGlite always, PostgreSQL when DATABASE_URL is set. */
export const targets = (): TestDatabase[] => testDatabases()

export async function openTestApp(
  target: TestDatabase,
  makeEngine: (store: Store) => Engine | Promise<Engine>,
  options: ServerOptions = {},
): Promise<TestApp> {
  const runtimeStore = await target.open()
  const store = await createServerStore(runtimeStore, target.url ? { databaseUrl: target.url } : {})
  await bootstrapAdmin(store, ADMIN, fastPasswords)
  const engine = await makeEngine(runtimeStore)
  const app = await buildApp({
    engine,
    store,
    options: {
      background: false,
      passwordCost: fastPasswords,
      filesDir: join(tmpdir(), 'tessera-test-files'),
      ...options,
    },
  })
  await app.ready()
  return {
    app,
    store,
    runtimeStore,
    engine,
    async close() {
      await app.close()
      await store.close()
    },
  }
}

/** Signs in through the API; answers the cookie header and CSRF token for later writes. */
export async function login(app: FastifyInstance, email = ADMIN.email, password = ADMIN.password) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`)
  const cookie = res.cookies.find((c) => c.name === 'tessera_session')
  const { csrfToken } = res.json() as { csrfToken: string }
  return {
    cookie: `tessera_session=${cookie?.value}`,
    csrfToken,
    headers: { cookie: `tessera_session=${cookie?.value}`, 'x-csrf-token': csrfToken },
  }
}
