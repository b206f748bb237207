/**
 * The product side of api-bench and profile-api: the real server (buildApp) on PostgreSQL with the
 * help-desk fixture app published, listening on a loopback port, called with a bearer token as a
 * script would. Background loops off and the rate limit out of the way, as a bench needs.
 */
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '@tessera/runtime'
import { bootstrapAdmin, buildApp, createServerEngine, createServerStore } from '@tessera/server'

export const desk = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'integration', 'server-fixture-app.json'), 'utf8'),
)

export async function startProductServer(
  url: string,
  poolSize: number,
  onQuery?: (sql: string, ms: number) => void,
) {
  const runtime = await openDatabase({ url, poolSize, ...(onQuery ? { onQuery } : {}) })
  const store = await createServerStore(runtime, { databaseUrl: url })
  await bootstrapAdmin(store, { email: 'bench@example.com', password: 'bench password 1' })
  const engine = createServerEngine(runtime, store, { deliverAfterCommit: false })
  const app = await buildApp({
    engine,
    store,
    options: {
      background: false,
      rateLimit: { max: 10_000_000, windowMs: 60_000 },
      filesDir: join(tmpdir(), 'bench-files'),
    },
  })
  const adminUser = await store.users.byEmail('bench@example.com')
  if (!adminUser) throw new Error('bootstrapAdmin made no admin')
  const { token } = await store.tokens.create(adminUser.id, 'bench')
  await engine.publish('desk', desk, { userId: adminUser.id, isAdmin: true, via: 'bench' })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    address,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    /** records in `new` at version 1: those the submit run made */
    waiting: async () =>
      (
        await runtime.db
          .selectFrom('record')
          .select('id')
          .where('app', '=', 'desk')
          .where('version', '=', 1)
          .execute()
      ).map((r) => r.id),
    close: async () => {
      await app.close()
      await store.close()
      await runtime.close()
    },
  }
}
