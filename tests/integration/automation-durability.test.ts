import { ADMIN, createAutomationWorker, createRecordStore, manualClock } from '@tessera/runtime'
import { afterAll, describe, expect, it } from 'vitest'
import { addMembers, testDatabases } from '../support/db.js'
import { publishWith, rigOn, settle } from './automation-harness.js'

for (const target of testDatabases()) {
  describe(`durable automation runs on ${target.kind}`, () => {
    afterAll(() => target.dispose())

    it('a failing run is retried with backoff and succeeds once the record allows it; a given-up run replays', async () => {
      const rig = rigOn(await target.open())
      const worker = createAutomationWorker({
        store: rig.store,
        engine: rig.engine,
        clock: rig.clock,
        maxAttempts: 3,
      })
      await publishWith(rig, 'retry', [
        {
          key: 'auto_hand_off',
          trigger: { on: 'changed', form: 'lead', fields: ['company'] },
          actions: [{ type: 'transition', transition: 'hand_off' }],
        },
      ])
      await addMembers(rig.store, 'retry', [
        { name: 'Sam', roles: ['sales'], attributes: { region: 'East' } },
      ])
      const a = await rig.engine.submit('retry', 'lead', { email: 'a@example.com', region: 'East' }, ADMIN)
      const b = await rig.engine.submit('retry', 'lead', { email: 'b@example.com', region: 'East' }, ADMIN)
      await rig.engine.update(a.id, { company: 'A Co' }, ADMIN, a.version)
      await rig.engine.update(b.id, { company: 'B Co' }, ADMIN, b.version)
      // both leads are still new: hand_off is not open, so each first attempt fails and waits
      expect(await worker.tick()).toMatchObject({ created: 2, retried: 2, succeeded: 0 })
      const [runA] = await worker.runs({ recordId: a.id })
      expect(runA).toMatchObject({ status: 'pending', attempts: 1 })
      expect(runA?.error?.code).toBe('TRANSITION_NOT_OPEN')
      expect(runA?.next_attempt_at.toISOString()).toBe(
        new Date(rig.clock.now().getTime() + 2000).toISOString(),
      )
      expect((await worker.tick()).retried).toBe(0) // not due yet

      const fresh = await rig.engine.get(a.id, ADMIN)
      await rig.engine.transition(a.id, 'qualify', { score: 70 }, ADMIN, fresh.version)
      rig.clock.advance(2000)
      expect(await worker.tick()).toMatchObject({ succeeded: 1, retried: 1 })
      expect((await rig.engine.get(a.id, ADMIN)).state).toBe('handed_off')
      expect((await worker.runs({ recordId: a.id }))[0]).toMatchObject({
        status: 'succeeded',
        attempts: 2,
        error: null,
      })

      rig.clock.advance(4000)
      expect((await worker.tick()).failed).toBe(1) // third attempt: given up
      const [failed] = await worker.runs({ recordId: b.id })
      expect(failed).toMatchObject({ status: 'failed', attempts: 3 })

      const vb = (await rig.engine.get(b.id, ADMIN)).version
      await rig.engine.transition(b.id, 'qualify', { score: 80 }, ADMIN, vb)
      const replayed = await worker.replay(failed?.id as string)
      expect(replayed).toMatchObject({ status: 'pending', attempts: 0 })
      await expect(worker.replay(failed?.id as string)).rejects.toThrow(/still pending/)
      expect((await worker.tick()).succeeded).toBe(1)
      expect((await rig.engine.get(b.id, ADMIN)).state).toBe('handed_off')
      expect((await worker.run(failed?.id as string))?.input.replays).toBe(1)
    })

    it('an automation re-triggering itself is allowed once, then stopped with AUTOMATION_LOOP', async () => {
      const rig = rigOn(await target.open())
      await publishWith(rig, 'loop', [
        {
          key: 'bump',
          trigger: { on: 'changed', form: 'lead', fields: ['score'] },
          condition: { '<': [{ var: 'score' }, 100] },
          actions: [{ type: 'set', field: 'score', value: { '+': [{ var: 'score' }, 1] } }],
        },
      ])
      const lead = await rig.engine.submit('loop', 'lead', { email: 'loop@example.com' }, ADMIN)
      await rig.engine.update(lead.id, { score: 10 }, ADMIN, lead.version)
      await settle(rig.worker)
      // the clock stands still in this test: order the runs by how deep in the chain they are
      const runs = (await rig.worker.runs({ automation: 'bump', recordId: lead.id })).sort(
        (x, y) => x.chain.length - y.chain.length,
      )
      expect(runs.map((r) => [r.chain, r.status])).toEqual([
        [[], 'succeeded'],
        [['bump'], 'succeeded'],
        [['bump', 'bump'], 'failed'],
      ])
      expect(runs[2]?.error?.code).toBe('AUTOMATION_LOOP')
      expect(runs[2]?.error?.message).toMatchObject({ en: expect.stringContaining('bump → bump → bump') })
      expect((await rig.engine.get(lead.id, ADMIN)).data.score).toBe(12)
      // the changes carry their run, so the history says which automation made them
      const events = await createRecordStore(rig.store.db).events(lead.id, 'loop')
      expect(events.at(-1)?.meta?.via).toBe(`automation:bump#${runs[1]?.id}`)
    })

    it('three workers on one database create and execute every run exactly once', async () => {
      const storeA = await target.open()
      // on PostgreSQL each pool is a process of its own; PGlite is one process, so all share its store
      const storeB = target.kind === 'pg' ? await target.open() : storeA
      const storeC = target.kind === 'pg' ? await target.open() : storeA
      const clock = manualClock()
      const a = rigOn(storeA, clock, 'worker-a')
      const b = rigOn(storeB, clock, 'worker-b')
      const c = rigOn(storeC, clock, 'worker-c')
      await publishWith(a, 'once', [
        {
          key: 'welcome',
          trigger: { on: 'created', form: 'lead' },
          actions: [
            { type: 'notify', to: { role: 'operations' }, message: 'New lead' },
            {
              type: 'create',
              form: 'account',
              map: { name: { var: 'email' } },
              link: 'account',
              backLink: 'lead',
            },
          ],
        },
      ])
      await addMembers(storeA, 'once', [{ name: 'Olga', roles: ['operations'] }])
      const leads = []
      for (let i = 0; i < 12; i++)
        leads.push(await a.engine.submit('once', 'lead', { email: `lead${i}@example.com` }, ADMIN))
      for (let round = 0; round < 6; round++)
        await Promise.all([a.worker.tick(), b.worker.tick(), c.worker.tick()])
      const runs = await a.worker.runs({ app: 'once', limit: 1000 })
      expect(runs).toHaveLength(12)
      expect(runs.every((r) => r.status === 'succeeded' && r.attempts === 1)).toBe(true)
      expect(new Set(runs.map((r) => r.record_id)).size).toBe(12)
      const notices = (await a.engine.outbox({})).filter((m) => m.payload.automation === 'welcome')
      expect(notices).toHaveLength(12)
      const accounts = await storeA.db
        .selectFrom('record')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('app', '=', 'once')
        .where('form', '=', 'account')
        .executeTakeFirstOrThrow()
      expect(Number(accounts.n)).toBe(12)
    })

    it('a weekly summary counts the week: new leads per region, qualifications and their rate', async () => {
      const rig = rigOn(await target.open(), manualClock('2026-03-01T12:00:00Z'))
      await publishWith(
        rig,
        'sum',
        [
          {
            key: 'review',
            trigger: { on: 'schedule', cron: '0 9 * * 1' },
            actions: [
              {
                type: 'notify',
                to: { role: 'operations' },
                message: { en: 'Weekly review', 'zh-CN': '周报' },
                summary: {
                  period: 'P7D',
                  figures: [
                    { key: 'new_leads', label: 'New leads', form: 'lead', groupBy: 'region' },
                    { key: 'qualified', label: 'Qualified', form: 'lead', transition: 'qualify' },
                    { key: 'rate', label: 'Qualification rate', ratio: ['qualified', 'new_leads'] },
                  ],
                },
              },
            ],
          },
        ],
        { timeZone: 'Asia/Shanghai' },
      )
      await addMembers(rig.store, 'sum', [{ name: 'Olga', roles: ['operations'] }])
      await rig.engine.submit('sum', 'lead', { email: 'old@example.com', region: 'East' }, ADMIN) // before the week
      await settle(rig.worker)
      rig.clock.set('2026-03-03T02:00:00Z')
      const leads = []
      for (const [i, region] of ['East', 'East', 'West', 'East'].entries())
        leads.push(await rig.engine.submit('sum', 'lead', { email: `w${i}@example.com`, region }, ADMIN))
      await rig.engine.transition(leads[0]?.id as string, 'qualify', { score: 70 }, ADMIN, 1)
      rig.clock.set('2026-03-09T01:00:00Z') // Monday 09:00 Shanghai
      await settle(rig.worker)
      const notice = (await rig.engine.outbox({})).find((m) => m.payload.automation === 'review')
      const summary = notice?.payload.summary as { figures: unknown[] }
      expect(summary.figures).toEqual([
        { key: 'new_leads', label: 'New leads', total: 4, groups: { East: 3, West: 1 } },
        { key: 'qualified', label: 'Qualified', total: 1 },
        { key: 'rate', label: 'Qualification rate', total: 25, unit: 'percent' },
      ])
      expect(notice?.payload.lines).toHaveProperty('en', [
        'New leads: 4 (East 3, West 1)',
        'Qualified: 1',
        'Qualification rate: 25%',
      ])
    })
  })
}
