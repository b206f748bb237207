import { type Actor, createAutomationWorker, createRecordStore } from '@tessera/runtime'
import { afterAll, describe, expect, it } from 'vitest'
import { addMembers, testDatabases } from '../support/db.js'
import { settle } from './automation-harness.js'
import { freshStore, openCrm } from './crm-harness.js'

const HOUR = 3600_000

for (const target of testDatabases()) {
  describe(`CRM automations on ${target.kind}`, () => {
    afterAll(() => target.dispose())

    it("Monday's review counts last week's leads; an opportunity idle 14 days gets a follow-up call for its rep", async () => {
      const crm = await openCrm(await freshStore(target)) // 2026-03-02 09:00 UTC, a Monday (17:00 in Shanghai)
      const worker = createAutomationWorker({ store: crm.store, engine: crm.engine, clock: crm.clock })
      try {
        const people = await addMembers(crm.store, 'crm', [
          { name: 'Olga', roles: ['operations'] },
          { name: 'Sam', roles: ['sales'], attributes: { region: 'East' } },
        ])
        const ops = people.Olga as Actor
        const rep = people.Sam as Actor & { userId: string }
        await settle(worker) // the schedules start counting from now

        crm.clock.set('2026-03-03T02:00:00Z')
        const leads: { id: string }[] = []
        for (const [i, source] of ['Google', 'Google', 'Event', 'Google', 'Event'].entries())
          leads.push(
            await crm.engine.submit(
              'crm',
              'lead',
              {
                name: `Lead ${i}`,
                email: `lead${i}@example.com`,
                source,
                region: 'East',
                qualify_note: 'met at the fair',
              },
              ops,
            ),
          )
        const move = async (id: string, key: string, actor: Actor, data: Record<string, unknown> = {}) =>
          crm.engine.transition(id, key, data, actor, (await crm.engine.get(id, crm.admin)).version)
        const [a, b] = leads as [{ id: string }, { id: string }, ...unknown[]]
        await move(a.id, 'qualify', ops)
        await move(b.id, 'qualify', ops)
        await move(a.id, 'hand_off', ops)
        crm.clock.advance(25 * HOUR) // not accepted in 24 hours: the SLA timer escalates
        expect(await crm.engine.runDueTimers()).toBe(1)
        await move(a.id, 'return', rep, { return_reason: 'no_budget' })

        const deal = await crm.engine.submit(
          'crm',
          'opportunity',
          { name: 'Big deal', sales_rep: rep.userId },
          crm.admin,
        )

        crm.clock.set('2026-03-09T01:00:00Z') // Monday 09:00 in Shanghai
        await settle(worker)
        const review = (await crm.engine.outbox({})).find((m) => m.payload.automation === 'weekly_review')
        expect(review?.payload.to).toEqual([ops.userId])
        expect(review?.payload.summary).toHaveProperty('figures', [
          {
            key: 'new_leads',
            label: { 'zh-CN': '新线索', en: 'New leads' },
            total: 5,
            groups: { Google: 3, Event: 2 },
          },
          { key: 'mql', label: { 'zh-CN': 'MQL（已认定）', en: 'MQLs (qualified)' }, total: 2 },
          { key: 'mql_rate', label: { 'zh-CN': 'MQL 转化率', en: 'MQL rate' }, total: 40, unit: 'percent' },
          {
            key: 'returns',
            label: { 'zh-CN': '销售退回', en: 'Returned by sales' },
            total: 1,
            groups: { no_budget: 1 },
            groupLabels: { no_budget: { 'zh-CN': '没有预算', en: 'No budget' } },
          },
          {
            key: 'sla_breaches',
            label: { 'zh-CN': 'SLA 超时（24 小时未接收）', en: 'SLA breaches (not accepted in 24h)' },
            total: 1,
          },
        ])
        expect(review?.payload.lines).toMatchObject({
          en: expect.arrayContaining(['Returned by sales: 1 (No budget 1)']),
          'zh-CN': expect.arrayContaining(['销售退回: 1 (没有预算 1)']),
        })
        // five days in: the deal is not idle yet
        const activities = async () =>
          await crm.store.db
            .selectFrom('record')
            .selectAll()
            .where('app', '=', 'crm')
            .where('form', '=', 'activity')
            .execute()
        expect(await activities()).toHaveLength(0)

        crm.clock.set('2026-03-19T01:00:00Z') // 09:00 Shanghai, 15 days after the deal was created (03-04 03:00)
        await settle(worker)
        const [call, ...more] = await activities()
        expect(more).toHaveLength(0)
        expect(call?.data).toMatchObject({
          type: 'call',
          assigned_to: rep.userId,
          opportunity: deal.id,
          subject: 'Big deal — 14 天无跟进 / no activity for 14 days',
          due: '2026-03-20T01:00:00.000Z',
        })
        const history = await createRecordStore(crm.store.db).events(call?.id as string, 'crm')
        expect(history[0]?.meta?.via).toMatch(/^automation:stale_opportunity_follow_up#/)

        crm.clock.set('2026-03-20T01:00:00Z') // the call is the activity: no second reminder the next day
        await settle(worker)
        expect(await activities()).toHaveLength(1)
      } finally {
        await crm.store.close()
      }
    })
  })
}
