import { ADMIN, manualClock } from '@tessera/runtime'
import { afterAll, describe, expect, it } from 'vitest'
import { addMembers, testDatabases } from '../support/db.js'
import { type AutomationRig, publishWith, rigOn, settle } from './automation-harness.js'

const notifyOps = { type: 'notify', to: { role: 'operations' }, message: 'Weekly review' } as const

/** On PostgreSQL the tests of this file share one database: count an app's own runs, not a tick's. */
async function newRuns(rig: AutomationRig, app: string, seen: Set<string>): Promise<number> {
  await settle(rig.worker)
  let fresh = 0
  for (const r of await rig.worker.runs({ app, limit: 1000 }))
    if (!seen.has(r.id)) {
      seen.add(r.id)
      fresh++
    }
  return fresh
}

for (const target of testDatabases()) {
  describe(`scheduled automations on ${target.kind}`, () => {
    afterAll(() => target.dispose())

    it('Monday 09:00 in Asia/Shanghai fires at 01:00 UTC, once, across the date boundary', async () => {
      // Sunday 2026-03-01 22:00 UTC is already Monday 06:00 in Shanghai
      const rig = rigOn(await target.open(), manualClock('2026-03-01T22:00:00Z'))
      await publishWith(
        rig,
        'sh',
        [{ key: 'weekly', trigger: { on: 'schedule', cron: '0 9 * * 1' }, actions: [notifyOps] }],
        {
          timeZone: 'Asia/Shanghai',
        },
      )
      const seen = new Set<string>()
      await settle(rig.worker) // first sight: the cursor starts now, no slot before it is made up
      rig.clock.set('2026-03-02T00:59:00Z')
      expect(await newRuns(rig, 'sh', seen)).toBe(0)
      rig.clock.set('2026-03-02T01:00:00Z')
      expect(await newRuns(rig, 'sh', seen)).toBe(1)
      rig.clock.set('2026-03-02T05:00:00Z')
      expect(await newRuns(rig, 'sh', seen)).toBe(0)
      const runs = await rig.worker.runs({ app: 'sh', automation: 'weekly' })
      expect(runs.map((r) => [r.trigger.slot, r.status])).toEqual([['2026-03-02T01:00:00.000Z', 'succeeded']])
      // a week later, the next Monday
      rig.clock.set('2026-03-09T01:00:30Z')
      expect(await newRuns(rig, 'sh', seen)).toBe(1)
    })

    it('09:00 in America/New_York stays 09:00 local across the March and November DST changes', async () => {
      const rig = rigOn(await target.open(), manualClock('2026-03-07T15:00:00Z'))
      await publishWith(
        rig,
        'ny',
        [{ key: 'daily', trigger: { on: 'schedule', cron: '0 9 * * *' }, actions: [notifyOps] }],
        {
          timeZone: 'America/New_York',
        },
      )
      const seen = new Set<string>()
      await settle(rig.worker)
      // Sunday 2026-03-08 is the first day of EDT: 09:00 is 13:00 UTC, not 14:00
      rig.clock.set('2026-03-08T13:00:00Z')
      expect(await newRuns(rig, 'ny', seen)).toBe(1)
      rig.clock.set('2026-03-08T14:00:00Z')
      expect(await newRuns(rig, 'ny', seen)).toBe(0)
      // and back to EST on 2026-11-01: 09:00 is 14:00 UTC
      rig.clock.set('2026-11-01T13:30:00Z')
      // the missed days collapse into the latest slot (10-31 13:00 UTC), made up once
      expect(await newRuns(rig, 'ny', seen)).toBe(1)
      rig.clock.set('2026-11-01T13:59:00Z')
      expect(await newRuns(rig, 'ny', seen)).toBe(0)
      rig.clock.set('2026-11-01T14:00:00Z')
      expect(await newRuns(rig, 'ny', seen)).toBe(1)
      const slots = (await rig.worker.runs({ app: 'ny' })).map((r) => r.trigger.slot).sort()
      expect(slots).toEqual([
        '2026-03-08T13:00:00.000Z',
        '2026-10-31T13:00:00.000Z',
        '2026-11-01T14:00:00.000Z',
      ])
    })

    it('a daily schedule with each works through idle records only, one run per record', async () => {
      const rig = rigOn(await target.open(), manualClock('2026-03-01T00:00:00Z'))
      await publishWith(
        rig,
        'idle',
        [
          {
            key: 'chase',
            trigger: {
              on: 'schedule',
              cron: '0 9 * * *',
              each: {
                form: 'lead',
                where: { '==': [{ var: 'state' }, 'new'] },
                idle: { after: 'P14D', related: [{ form: 'account', field: 'lead' }] },
              },
            },
            actions: [
              {
                type: 'create',
                form: 'account',
                map: { name: { cat: ['Follow up ', { var: 'email' }] } },
                backLink: 'lead',
              },
            ],
          },
        ],
        { timeZone: 'Asia/Shanghai' },
      )
      await addMembers(rig.store, 'idle', [{ name: 'Olga', roles: ['operations'] }])
      const stale = await rig.engine.submit('idle', 'lead', { email: 'stale@example.com' }, ADMIN)
      const touched = await rig.engine.submit('idle', 'lead', { email: 'touched@example.com' }, ADMIN)
      const withAccount = await rig.engine.submit('idle', 'lead', { email: 'acct@example.com' }, ADMIN)
      await settle(rig.worker)
      rig.clock.set('2026-03-14T00:00:00Z')
      await rig.engine.update(touched.id, { company: 'Busy' }, ADMIN, touched.version)
      await rig.engine.submit('idle', 'account', { name: 'Has one', lead: withAccount.id }, ADMIN)
      rig.clock.set('2026-03-16T01:00:00Z') // 09:00 Shanghai, 15 days after the leads
      await settle(rig.worker)
      const runs = await rig.worker.runs({ app: 'idle', automation: 'chase' })
      const perRecord = runs.filter((r) => r.record_id !== null)
      expect(perRecord.map((r) => [r.record_id, r.status])).toEqual([[stale.id, 'succeeded']])
      expect(runs.find((r) => r.record_id === null)?.output).toMatchObject({ matched: 1, spawned: 1 })
      // the follow-up is the activity: the next day the lead is no longer idle
      rig.clock.set('2026-03-17T01:00:00Z')
      await settle(rig.worker)
      expect(
        (await rig.worker.runs({ app: 'idle', automation: 'chase' })).filter((r) => r.record_id),
      ).toHaveLength(1)
    })
  })
}
