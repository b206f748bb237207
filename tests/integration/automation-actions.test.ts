import { ADMIN, manualClock } from '@tessera/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../support/db.js'
import { type AutomationRig, publishWith, rigOn, settle } from './automation-harness.js'

for (const target of testDatabases()) {
  describe(`automation actions on ${target.kind}`, () => {
    let rig: AutomationRig

    beforeAll(async () => {
      rig = rigOn(await target.open(), manualClock('2026-03-02T00:00:00Z'))
      await publishWith(rig, 'act', [
        {
          key: 'west_company',
          trigger: { on: 'schedule', cron: '0 9 * * *' },
          actions: [
            {
              type: 'update',
              form: 'lead',
              where: { '==': [{ var: 'region' }, 'West'] },
              set: { company: { cat: ['Western ', { var: 'email' }] } },
            },
          ],
        },
        {
          key: 'account_hands_off',
          trigger: { on: 'created', form: 'account' },
          actions: [{ type: 'transition', record: { var: 'lead' }, transition: 'hand_off' }],
        },
        {
          key: 'clear_reason',
          trigger: { on: 'changed', form: 'lead', fields: ['region'] },
          actions: [{ type: 'set', field: 'disqualify_reason', value: '' }],
        },
      ])
      await settle(rig.worker)
    })
    afterAll(() => target.dispose())

    it('an update action sets every record meeting its condition, by expressions over each record', async () => {
      const west = await rig.engine.submit('act', 'lead', { email: 'w@example.com', region: 'West' }, ADMIN)
      const east = await rig.engine.submit('act', 'lead', { email: 'e@example.com', region: 'East' }, ADMIN)
      await settle(rig.worker)
      rig.clock.set('2026-03-02T09:00:00Z')
      await settle(rig.worker)
      const [run] = await rig.worker.runs({ automation: 'west_company' })
      expect(run?.output?.steps).toEqual([{ index: 0, type: 'update', updated: 1, ids: [west.id] }])
      expect((await rig.engine.get(west.id, ADMIN)).data.company).toBe('Western w@example.com')
      expect((await rig.engine.get(east.id, ADMIN)).data.company).toBeUndefined()
      // the next day nothing differs: no record is written again
      rig.clock.set('2026-03-03T09:00:00Z')
      await settle(rig.worker)
      const runs = await rig.worker.runs({ automation: 'west_company' })
      expect(runs[0]?.output?.steps).toEqual([{ index: 0, type: 'update', updated: 0, ids: [] }])
      expect((await rig.engine.get(west.id, ADMIN)).version).toBe(2)
    })

    it('a transition action fires on the record a relation field points at', async () => {
      const lead = await rig.engine.submit('act', 'lead', { email: 't@example.com' }, ADMIN)
      await rig.engine.transition(lead.id, 'qualify', { score: 75 }, ADMIN, lead.version)
      await rig.engine.submit('act', 'account', { name: 'T Co', lead: lead.id }, ADMIN)
      await settle(rig.worker)
      expect((await rig.engine.get(lead.id, ADMIN)).state).toBe('handed_off')
    })

    it('a set action to an empty value clears the field', async () => {
      const lead = await rig.engine.submit(
        'act',
        'lead',
        { email: 'c@example.com', disqualify_reason: 'spam?' },
        ADMIN,
      )
      await settle(rig.worker)
      await rig.engine.update(lead.id, { region: 'East' }, ADMIN, lead.version)
      await settle(rig.worker)
      const [run] = await rig.worker.runs({ automation: 'clear_reason', recordId: lead.id })
      expect(run?.status).toBe('succeeded')
      expect((await rig.engine.get(lead.id, ADMIN)).data.disqualify_reason).toBeUndefined()
    })
  })
}
