import { type Actor, type Store, openDatabase } from '@tessera/runtime'
import { bootstrapAdmin, createServerEngine, createServerStore } from '@tessera/server'
import { crmTemplate } from '@tessera/templates'
import { type Kysely, sql } from 'kysely'

/**
 * A CRM with some data, written through the server's own store and engine: the template, accounts,
 * leads moved along their workflow (events, timers, round-robin pointers), an audit trail.
 */
export async function populateCrm(runtime: Store): Promise<{ records: number }> {
  const store = await createServerStore(runtime, {})
  await bootstrapAdmin(
    store,
    { email: 'admin@backup.test', password: 'backup admin password' },
    {
      memoryCost: 1024,
      timeCost: 1,
    },
  )
  const admin = await store.users.byEmail('admin@backup.test')
  const actor: Actor = { userId: admin?.id ?? null, isAdmin: true, via: 'test' }
  const engine = createServerEngine(runtime, store, { deliverAfterCommit: false })
  await engine.publish('crm', crmTemplate, actor)
  let records = 0
  for (let i = 0; i < 12; i++) {
    await engine.submit('crm', 'account', { name: `Account ${i} «测试»` }, actor)
    records++
  }
  for (let i = 0; i < 25; i++) {
    const lead = await engine.submit(
      'crm',
      'lead',
      {
        name: `Lead ${i}`,
        email: `lead${i}@example.com`,
        visits: i,
        pages_per_visit: 1.25 + i,
        do_not_email: i % 2 === 0,
      },
      actor,
    )
    records++
    if (i % 3 === 0) await engine.transition(lead.id, 'nurture', {}, actor, lead.version)
  }
  await store.audit({
    actor: actor.userId,
    action: 'proof.backup',
    target: null,
    details: { big: '12345678901234567890' },
  })
  // The store's own handles stay open on `runtime`; the caller closes runtime.
  return { records }
}

/** One digest per table: every row as PostgreSQL prints it, sorted. Equal digests, equal data. */
export async function digestAll(db: Kysely<unknown>): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and c.relname not like 'kysely_%' order by 1`.execute(db)
  const out: Record<string, string> = {}
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number; d: string }>`
      select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as d
      from ${sql.table(name)} t`.execute(db)
    out[name] = `${r.rows[0]?.n}:${r.rows[0]?.d}`
  }
  return out
}

/** Opens a store, runs `fn`, closes it. */
export async function withStore<T>(
  options: { dataDir: string } | { url: string },
  fn: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openDatabase(options)
  try {
    return await fn(store)
  } finally {
    await store.close()
  }
}
