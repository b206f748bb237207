import { isTesseraError } from '@tessera/runtime'
import { afterAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../support/db.js'
import { freshStore, openCrm } from './crm-harness.js'

const problemsOf = (e: unknown) =>
  isTesseraError(e)
    ? (
        (e.details as { problems?: { path: string; message: { en: string } }[] } | undefined)?.problems ?? []
      ).map((p) => [p.path, p.message.en])
    : `not a Tessera error: ${String(e)}`

for (const db of testDatabases()) {
  describe(`the CRM's form rules (${db.kind})`, () => {
    afterAll(() => db.dispose())

    it('a deal cannot be won or lost with a close date before it was engaged; the same day is fine', async () => {
      const crm = await openCrm(await freshStore(db))
      // the CRM's today is a day in its time zone (Asia/Shanghai), as the engage action stamps it
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(crm.clock.now())
      const engaged = async (name: string) => {
        const deal = await crm.engine.submit('crm', 'opportunity', { name }, crm.admin)
        // engaging stamps today's date as the engage date
        return crm.engine.transition(deal.id, 'engage', {}, crm.admin, deal.version)
      }
      const a = await engaged('Early close')
      expect(a.data.engage_date).toBe(today)
      const refused = await crm.engine
        .transition(a.id, 'win', { close_value: '100', close_date: '2026-03-01' }, crm.admin, a.version)
        .catch((e: unknown) => e)
      expect(problemsOf(refused)).toEqual([
        ['/close_date', 'The close date cannot be before the date the deal was engaged.'],
      ])
      const lost = await crm.engine
        .transition(a.id, 'lose', { lost_reason: 'price', close_date: '2026-02-27' }, crm.admin, a.version)
        .catch((e: unknown) => e)
      expect(problemsOf(lost)).toHaveLength(1)
      expect((await crm.engine.get(a.id, crm.admin)).state).toBe('engaging')
      const won = await crm.engine.transition(
        a.id,
        'win',
        { close_value: '100', close_date: today },
        crm.admin,
        a.version,
      )
      expect(won.state).toBe('won')
    })
  })
}
