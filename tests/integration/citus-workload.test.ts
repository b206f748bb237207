import {
  ADMIN,
  type Actor,
  createAutomationWorker,
  createEngine,
  leadApp,
  manualClock,
  type OutboxMessage,
  type Store,
} from '@tessera/runtime'
import { createServerStore, type ServerStore } from '@tessera/server'
import { verifyApp } from '@tessera/schemas'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMembers, testDatabases } from '../support/db.js'
import {
  appsAgree,
  eventsMatchVersions,
  instancesMatchEvents,
  outboxDelivered,
  serialsGapFree,
  storedOnce,
  timersExactlyOnce,
} from '../support/proof-invariants.js'
import { pooled } from '../support/proof-setup.js'
import { settle } from './automation-harness.js'

/**
 * Issue 8, the schema as Citus needs it (docs/scale.md, "Citus"): after the migrations, which key
 * every per-app table by `app` (0010), a workload of submits, transitions, timers, comments, outbox
 * messages and automations in two apps keeps the invariant suite of the multi-process proof, and
 * every row it wrote carries its record's app.
 */
const APPS = ['crm', 'desk'] as const
const LEADS = 12

for (const target of testDatabases()) {
  describe(`the distribution-keyed schema under a workload (${target.kind})`, () => {
    let store: Store
    let server: ServerStore
    const clock = manualClock()
    // the keys delivered, per app (as a receiver would see them)
    const received = new Map<string, Set<string>>(APPS.map((a) => [a, new Set()]))
    const deliver = async (m: OutboxMessage) => {
      if (m.kind === 'webhook') received.get(String(m.payload.app))?.add(m.idempotencyKey)
    }
    const engine = () =>
      createEngine({ store, clock, latestVersionTtlMs: 0, deliver, deliverAfterCommit: false })
    let rig: ReturnType<typeof engine>
    const sales = new Map<string, Actor>()

    beforeAll(async () => {
      store = await target.open()
      rig = engine()
      for (const key of APPS) {
        const app = {
          ...leadApp(key),
          automations: [
            {
              key: 'welcome',
              trigger: { on: 'created', form: 'lead' },
              actions: [
                { type: 'notify', to: { role: 'operations' }, message: 'New lead' },
                { type: 'webhook', url: 'https://hooks.example.com/new', body: { var: 'email' } },
              ],
            },
          ],
        } as Parameters<typeof verifyApp>[0]
        const verdict = verifyApp(app)
        if (!verdict.ok) throw new Error(JSON.stringify(verdict.errors))
        await rig.publish(key, app as never, ADMIN)
        const people = await addMembers(store, key, [
          { name: 'Olga', roles: ['operations'] },
          { name: 'Sam', roles: ['sales'], attributes: { region: 'East' } },
        ])
        sales.set(key, people.Sam as Actor)
      }
      server = await createServerStore(store, target.url ? { databaseUrl: target.url } : {})
    })
    afterAll(async () => {
      await server?.close()
      await target.dispose()
    })

    it('keeps every invariant, and every row names the app of its record', async () => {
      const worker = createAutomationWorker({ store, engine: rig, clock })
      const comments = server.comments
      const leads: { app: string; id: string }[] = []
      for (const app of APPS) {
        const made = await pooled(
          Array.from(
            { length: LEADS },
            (_, i) => () =>
              rig.submit(
                app,
                'lead',
                { email: `l${i}@${app}.test`, score: 70, region: 'East', company: `Co ${i}` },
                ADMIN,
              ),
          ),
          4,
        )
        for (const r of made) leads.push({ app, id: r.id })
      }
      // qualify every lead, hand two thirds off (a round robin and a 24h timer), comment on half
      for (const [i, lead] of leads.entries()) {
        let r = await rig.transition(lead.id, 'qualify', {}, ADMIN, 1)
        if (i % 3 !== 0) r = await rig.transition(lead.id, 'hand_off', {}, ADMIN, r.version)
        if (i % 2 === 0) await comments.add(lead.app, lead.id, null, `note ${i}`)
      }
      // some of those handed off convert (a webhook, an account created), their timer cancelled
      let converted = 0
      for (const [i, lead] of leads.entries()) {
        if (i % 3 !== 1) continue
        const r = await rig.get(lead.id, ADMIN)
        await rig.transition(lead.id, 'convert', {}, sales.get(lead.app) as Actor, r.version)
        converted++
      }
      expect(converted).toBeGreaterThan(0)
      await settle(worker)
      // the rest escalate when their timer fires, once
      clock.advance(25 * 3600_000)
      while ((await rig.runDueTimers()) > 0);
      await settle(worker)
      while ((await rig.deliverOutbox()) > 0);

      for (const app of APPS) {
        expect(await eventsMatchVersions(store.db, app), app).toEqual([])
        expect(await instancesMatchEvents(store.db, app), app).toEqual([])
        // the accounts the conversions created have no email: only the leads' count
        const emails = await storedOnce(store.db, app, 'email')
        expect(
          emails.violations.filter((v) => !v.startsWith('email=null ')),
          app,
        ).toEqual([])
        expect(
          [...emails.values.keys()].filter((k) => k !== null),
          app,
        ).toHaveLength(LEADS)
        const serials = await sql<{ n: number }>`
          select count(*)::int as n from record where app = ${app} and form = 'lead'`.execute(store.db)
        expect(serials.rows[0]?.n).toBe(LEADS)
        const leadsOnly = await serialsGapFree(store.db, app, 'number')
        // accounts have no serial: only the leads' numbers count
        expect(
          leadsOnly.filter((p) => !p.includes('have no serial')),
          app,
        ).toEqual([])
        const timers = await timersExactlyOnce(store.db, app, 'escalate', clock.now(), 0)
        expect(timers.violations, app).toEqual([])
        expect(timers.fired, app).toBeGreaterThan(0)
        const outbox = await outboxDelivered(store.db, app, received.get(app) ?? new Set())
        expect(outbox.violations, app).toEqual([])
        expect(outbox.rows, app).toBeGreaterThanOrEqual(LEADS)
      }
      // notifications too went out, each once
      const undelivered = await sql<{ n: number }>`
        select count(*)::int as n from outbox where status <> 'delivered'`.execute(store.db)
      expect(undelivered.rows[0]?.n).toBe(0)
      const agree = await appsAgree(store.db)
      expect(agree.violations).toEqual([])
      // every kind of row was written: the check saw them all
      const kinds = await sql<{ t: string; n: number }>`
        select 'timer' as t, count(*)::int as n from timer union all
        select 'comment', count(*)::int from record_comment union all
        select 'run', count(*)::int from automation_run union all
        select 'outbox', count(*)::int from outbox`.execute(store.db)
      for (const k of kinds.rows) expect(k.n, k.t).toBeGreaterThan(0)
      expect(agree.rows).toBeGreaterThan(LEADS * APPS.length * 4)
    })
  })
}
