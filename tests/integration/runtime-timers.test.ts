import {
  createEngine,
  createRecordStore,
  type OutboxMessage,
  type Store,
  type TesseraEngine,
} from '@tessera/runtime'
import type { AppDefinition } from '@tessera/schemas'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, addMembers, leadApp, manualClock, testDatabases } from '../support/db.js'

const HOUR = 3600_000

for (const target of testDatabases()) {
  describe(`timers and outbox on ${target.kind}`, () => {
    let store: Store
    let engine: TesseraEngine
    const clock = manualClock()

    beforeAll(async () => {
      store = await target.open()
      engine = createEngine({ store, clock })
      await engine.publish('crm', leadApp(), ADMIN)
      await addMembers(store, 'crm', [
        { name: 'Olga', roles: ['operations'] },
        { name: 'Sam', roles: ['sales'], attributes: { region: 'East' } },
        { name: 'Sue', roles: ['sales'], attributes: { region: 'East' } },
      ])
    })
    afterAll(() => target.dispose())

    it('an SLA timer fires once when due, re-enters the state, re-arms and hands to the next rep', async () => {
      const lead = await engine.submit('crm', 'lead', { email: 'sla@example.com', region: 'East' }, ADMIN, {
        importState: 'handed_off',
      })
      expect(await engine.runDueTimers()).toBe(0)
      clock.advance(23 * HOUR)
      expect(await engine.runDueTimers()).toBe(0)
      clock.advance(2 * HOUR)
      expect(await engine.runDueTimers()).toBe(1)
      expect(await engine.runDueTimers()).toBe(0)
      const after = await engine.get(lead.id, ADMIN)
      expect(after.state).toBe('handed_off')
      expect(after.data.escalations).toBe(1)
      expect(after.assignee).not.toBe(lead.assignee)
      expect(after.dueAt).toBe(new Date(clock.now().getTime() + 24 * HOUR).toISOString())
      const escalations = (await engine.events(lead.id, ADMIN)).filter((e) => e.transition === 'escalate')
      expect(escalations).toHaveLength(1)
      expect((await engine.outbox({ recordId: lead.id })).map((m) => m.kind)).toEqual(['notify'])
    })

    it('a timer is cancelled when its state is left', async () => {
      const lead = await engine.submit('crm', 'lead', { email: 'left@example.com', region: 'East' }, ADMIN, {
        importState: 'handed_off',
      })
      await engine.transition(lead.id, 'disqualify', { disqualify_reason: 'spam' }, ADMIN, lead.version)
      clock.advance(48 * HOUR)
      await engine.runDueTimers()
      const events = await engine.events(lead.id, ADMIN)
      expect(events.some((e) => e.transition === 'escalate')).toBe(false)
      expect((await engine.get(lead.id, ADMIN)).dueAt).toBeNull()
    })

    it('a refused timer transition fails only its own timers; the rest of its batch fire once', async () => {
      const app: AppDefinition = {
        key: 'guarded',
        name: 'Guarded',
        roles: [{ key: 'staff' }],
        forms: [
          {
            key: 'item',
            title: 'Item',
            fields: [
              { key: 'ref', type: 'text', label: 'Ref' },
              { key: 'ok', type: 'boolean', label: 'OK' },
            ],
          },
        ],
        workflows: [
          {
            key: 'item_flow',
            form: 'item',
            initial: 'waiting',
            states: [{ key: 'waiting' }, { key: 'expired', final: true }],
            transitions: [
              {
                key: 'expire',
                from: ['waiting'],
                to: 'expired',
                roles: [],
                guard: { '==': [{ var: 'ok' }, true] },
              },
            ],
            // two timers on one state: when the first fires, the state is left and the second cancelled
            timers: [
              { state: 'waiting', after: 'PT1H', fire: 'expire' },
              { state: 'waiting', after: 'PT2H', fire: 'expire' },
            ],
          },
        ],
      }
      await engine.publish('guarded', app, ADMIN)
      const batched = createEngine({ store, clock, timerBatch: 4 })
      const items = []
      for (let i = 0; i < 9; i++)
        items.push(await engine.submit('guarded', 'item', { ref: `g${i}`, ok: i !== 4 }, ADMIN))
      clock.advance(3 * HOUR)
      expect(await batched.runDueTimers(1000)).toBe(8)
      expect(await batched.runDueTimers(1000)).toBe(0)
      const timers = await store.db
        .selectFrom('timer')
        .innerJoin('record', 'record.id', 'timer.record_id')
        .select(['timer.record_id', 'timer.status', 'timer.last_error'])
        .where('record.app', '=', 'guarded')
        .orderBy('timer.due_at')
        .execute()
      for (const [i, item] of items.entries()) {
        const mine = timers.filter((t) => t.record_id === item.id)
        const detail = await engine.get(item.id, ADMIN)
        const expires = (await engine.events(item.id, ADMIN)).filter((e) => e.transition === 'expire')
        if (i === 4) {
          expect(mine.map((t) => t.status)).toEqual(['failed', 'failed'])
          expect(mine[0]?.last_error).toMatch(/^GUARD_FAILED/)
          expect(detail.state).toBe('waiting')
          expect(expires).toHaveLength(0)
        } else {
          expect(mine.map((t) => t.status).sort()).toEqual(['cancelled', 'fired'])
          expect(detail.state).toBe('expired')
          expect(expires).toHaveLength(1)
        }
      }
    })

    it('several batches at once (lanes) fire each timer once and stop at the limit', async () => {
      const app: AppDefinition = {
        key: 'lanes',
        name: 'Lanes',
        roles: [{ key: 'staff' }],
        forms: [{ key: 'task', title: 'Task', fields: [{ key: 'ref', type: 'text', label: 'Ref' }] }],
        workflows: [
          {
            key: 'task_flow',
            form: 'task',
            initial: 'open',
            states: [{ key: 'open' }, { key: 'expired', final: true }],
            transitions: [{ key: 'expire', from: ['open'], to: 'expired', roles: [] }],
            timers: [{ state: 'open', after: 'PT1H', fire: 'expire' }],
          },
        ],
      }
      await engine.publish('lanes', app, ADMIN)
      const tasks = []
      for (let i = 0; i < 30; i++) tasks.push(await engine.submit('lanes', 'task', { ref: `l${i}` }, ADMIN))
      clock.advance(2 * HOUR)
      const laned = createEngine({ store, clock, timerBatch: 4, timerLanes: 3 })
      expect(await laned.runDueTimers(10)).toBe(10)
      expect(await laned.runDueTimers(1000)).toBe(20)
      for (const task of tasks) {
        const events = await engine.events(task.id, ADMIN)
        expect(events.filter((e) => e.transition === 'expire')).toHaveLength(1)
        expect((await engine.get(task.id, ADMIN)).state).toBe('expired')
      }
    })

    it('two engine instances with separate pools fire the timers of 1,000 records exactly once each', async () => {
      await engine.publish('bulk', leadApp('bulk'), ADMIN)
      await addMembers(store, 'bulk', [{ name: 'Rep', roles: ['sales'], attributes: { region: 'East' } }])
      const ids: string[] = []
      for (let i = 0; i < 1000; i += 50) {
        const batch = await Promise.all(
          Array.from({ length: 50 }, (_, j) =>
            engine.submit('bulk', 'lead', { email: `t${i + j}@example.com`, region: 'East' }, ADMIN, {
              importState: 'handed_off',
            }),
          ),
        )
        ids.push(...batch.map((r) => r.id))
      }
      clock.advance(25 * HOUR)
      // on PostgreSQL a second pool is a second "process"; PGlite is one process, so both share its store
      const second = target.url ? await target.open() : store
      const engines = [engine, createEngine({ store: second, clock, workerId: 'second' })]
      const drain = async (e: TesseraEngine) => {
        let total = 0
        for (;;) {
          const n = await e.runDueTimers(100)
          total += n
          if (n === 0) return total
        }
      }
      const fired = await Promise.all(engines.map(drain))
      // timers of earlier tests that came due again fire in the same drain: count every escalation written now
      const now = await store.db
        .selectFrom('event')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('transition', '=', 'escalate')
        .where('at', '=', clock.now())
        .executeTakeFirstOrThrow()
      expect(fired[0]! + fired[1]!).toBe(now.n)
      expect(now.n).toBeGreaterThanOrEqual(1000)
      if (target.kind === 'pg') expect(Math.min(...fired)).toBeGreaterThan(0)
      const records = createRecordStore(store.db)
      let escalations = 0
      for (const id of ids) {
        const n = (await records.events(id, 'bulk')).filter((e) => e.transition === 'escalate').length
        expect(n).toBe(1)
        escalations += n
      }
      expect(escalations).toBe(1000)
      // 1,000 submits and their sweep: past 300 s on this 2-core machine when it is shared
    }, 900_000)

    it('delivers the outbox after commit, retries failures with backoff, and shows the state', async () => {
      const delivered: OutboxMessage[] = []
      let failNext = 0
      const deliverer = createEngine({
        store,
        clock,
        deliverAfterCommit: false,
        deliver: async (m) => {
          if (failNext-- > 0) throw new Error('receiver down')
          delivered.push(m)
        },
      })
      const lead = await engine.submit(
        'crm',
        'lead',
        { email: 'hook@example.com', region: 'East', company: 'Hook Inc' },
        ADMIN,
        {
          importState: 'handed_off',
        },
      )
      while ((await deliverer.deliverOutbox()) > 0) delivered.length = 0
      failNext = 2
      await engine.transition(lead.id, 'convert', {}, ADMIN, lead.version)
      const [pending] = await engine.outbox({ recordId: lead.id })
      expect(pending?.status).toBe('pending')
      expect(await deliverer.deliverOutbox()).toBe(0)
      const [failed] = await engine.outbox({ recordId: lead.id })
      expect(failed).toMatchObject({ status: 'pending', attempts: 1, last_error: 'receiver down' })
      expect(await deliverer.deliverOutbox()).toBe(0) // not due yet: backoff
      clock.advance(3000)
      expect(await deliverer.deliverOutbox()).toBe(0)
      clock.advance(10_000)
      expect(await deliverer.deliverOutbox()).toBe(1)
      const [done] = await engine.outbox({ recordId: lead.id })
      expect(done).toMatchObject({ status: 'delivered', attempts: 3 })
      expect(delivered).toHaveLength(1)
      expect(delivered[0]?.payload).toMatchObject({
        url: 'https://hooks.example.com/converted',
        body: 'converted hook@example.com',
      })
      expect(delivered[0]?.idempotencyKey).toMatch(/^webhook:/)
    })
  })
}
