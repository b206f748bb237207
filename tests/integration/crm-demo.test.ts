import { join } from 'node:path'
import { createEngine, createIdentityStore } from '@tessera/runtime'
import {
  createDemoClock,
  type DemoReport,
  formatDemoReport,
  runDemo,
  SIMULATED_SPAN_MS,
} from '@tessera/server'
import { crmTemplate } from '@tessera/templates'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../support/db.js'
import { csvRows, hasSharedData, sharedData } from './crm-harness.js'

// The whole job on the real files: 18,000+ rows through the engine's rules, one transaction each.
const DEMO_TIMEOUT = 45 * 60_000

for (const db of testDatabases()) {
  describe.runIf(hasSharedData)(`the CRM demo on the real files (${db.kind})`, () => {
    let report: DemoReport
    afterAll(() => db.dispose())

    it(
      'runs from nothing and prints figures that match the CSVs',
      async () => {
        const store = await db.open()
        const clock = createDemoClock(new Date('2026-03-02T09:00:00.000Z'))
        const engine = createEngine({ store, clock })
        // the platform admin `tessera demo` makes and prints first: the demo acts as that admin
        const identity = createIdentityStore(store.db)
        const admin = await identity.createUser({ email: 'admin@localhost', name: 'Admin', isAdmin: true })
        report = await runDemo({ dir: sharedData, engine, store, clock, adminEmail: 'admin@localhost' })
        // `tessera demo` starts its clock this much before now, so nothing it writes is in the future
        expect(clock.now().getTime() - Date.parse('2026-03-02T09:00:00.000Z')).toBe(SIMULATED_SPAN_MS)
        console.log(formatDemoReport(report).join('\n'))
        // no admin of its own that nobody can sign in as: the printed admin owns what it imported
        expect(await identity.findUserByEmail('demo-admin@tessera.local')).toBeUndefined()
        const owned = await sql<{ n: number }>`
          select count(*)::int as n from record where app = 'crm' and form = 'account' and owner = ${admin.id}`.execute(
          store.db,
        )
        expect(owned.rows[0]?.n).toBe(85)
        await store.close()

        const byFile = Object.fromEntries(report.imports.map((i) => [i.file, i]))
        expect(byFile['crm-pipeline-sales_teams.csv']).toMatchObject({ read: 35, imported: 35, failed: 0 })
        expect(byFile['crm-pipeline-accounts.csv']).toMatchObject({
          read: 85,
          imported: 85,
          failed: 0,
          reasons: {},
        })
        expect(byFile['crm-pipeline-products.csv']).toMatchObject({
          read: 7,
          imported: 7,
          failed: 0,
          reasons: {},
        })
        // GTXPro resolves through the profile's alias; blank accounts are no value, not unmatched
        expect(byFile['crm-pipeline-sales_pipeline.csv']).toMatchObject({
          read: 8800,
          imported: 8800,
          failed: 0,
          reasons: {},
        })
        expect(byFile['leads-education.csv']).toMatchObject({
          read: 9240,
          imported: 9240,
          failed: 0,
          reasons: {},
        })
        expect(report.team).toEqual({
          sales: 35,
          managers: 6,
          operations: 3,
          salesByRegion: { Central: 11, East: 12, West: 12 },
        })
        expect(report.refusals).toEqual({})
      },
      DEMO_TIMEOUT,
    )

    it('counts leads by source and the 3,561 known conversions as in leads-education.csv', async () => {
      const rows = await csvRows(join(sharedData, 'leads-education.csv'))
      const canonical = new Map(
        crmTemplate.forms[0]?.fields
          .find((f) => f.key === 'source')
          ?.options?.map((o) => [o.value.toLowerCase(), o.value]),
      )
      const bySource: Record<string, number> = {}
      for (const r of rows) {
        const s = r['Lead Source']
          ? (canonical.get(r['Lead Source'].toLowerCase()) ?? r['Lead Source'])
          : '(none)'
        bySource[s] = (bySource[s] ?? 0) + 1
      }
      expect(report.leads.total).toBe(9240)
      expect(report.leads.bySource).toEqual(bySource)
      expect(report.leads.importedConverted).toBe(rows.filter((r) => r.Converted === '1').length)
      expect(report.leads.importedConverted).toBe(3561)
      expect(report.funnel.leads).toBe(9240)
      expect(report.funnel.opportunity).toBe(3561 + report.outcomes.converted)
      // an SAL is a lead sales ever accepted: the known conversions and every accepted hand-off,
      // returned ones included (as a returned lead stays an MQL), and the report says so
      expect(report.funnel.sal).toBe(3561 + report.outcomes.accepted)
      expect(report.funnel.sal).toBeGreaterThan(
        3561 + report.outcomes.converted + report.outcomes.keptAccepted,
      )
      expect(formatDemoReport(report)).toContain(
        '  (MQL: ever qualified; SAL: ever accepted by sales, also when later returned; opp: converted)',
      )
    })

    it('hands A/B leads off round robin within each region, escalates each breached SLA once, and accounts for every lead', async () => {
      const team = await csvRows(join(sharedData, 'crm-pipeline-sales_teams.csv'))
      const regionOf = new Map(team.map((t) => [t.sales_agent, t.regional_office]))
      expect(report.handoff.handedOff).toBe(report.handoff.qualified)
      expect(report.handoff.handedOff).toBeGreaterThan(500)
      for (const region of ['Central', 'East', 'West']) {
        const counts = team
          .filter((t) => t.regional_office === region)
          .map((t) => report.handoff.byRep[t.sales_agent as string] ?? 0)
        expect(Math.max(...counts) - Math.min(...counts), region).toBeLessThanOrEqual(1)
      }
      for (const rep of Object.keys(report.handoff.byRep)) expect(regionOf.has(rep), rep).toBe(true)
      expect(report.sla.escalations).toBeGreaterThan(0)
      expect(report.sla.escalatedLeads).toBe(report.sla.escalations)
      expect(report.sla.escalatedTwice).toBe(0)
      expect(report.sla.reassignedToAnotherRep).toBeGreaterThan(0)
      expect(report.sla.reassignedToAnotherRep).toBeLessThanOrEqual(report.sla.escalations)
      expect(report.outcomes.accepted).toBe(report.handoff.handedOff)
      expect(report.outcomes.converted + report.outcomes.returned + report.outcomes.keptAccepted).toBe(
        report.outcomes.accepted,
      )
      expect(Object.values(report.returnReasons).reduce((a, b) => a + b, 0)).toBe(report.outcomes.returned)
    })

    it('keeps the pipeline in its stages with won revenue equal to the sum of Won close_value in the CSV', async () => {
      const rows = await csvRows(join(sharedData, 'crm-pipeline-sales_pipeline.csv'))
      const stage = (s: string) => rows.filter((r) => r.deal_stage === s).length
      const fromLeads = report.outcomes.converted
      expect(report.opportunities.byStage).toEqual({
        prospecting: stage('Prospecting'),
        engaging:
          stage('Engaging') +
          fromLeads -
          report.outcomes.opportunitiesWon -
          report.outcomes.opportunitiesLost,
        won: stage('Won') + report.outcomes.opportunitiesWon,
        lost: stage('Lost') + report.outcomes.opportunitiesLost,
      })
      expect(report.opportunities.wonRevenueCsv).toBe('10005534')
      expect(report.opportunities.wonRevenueImported).toBe(report.opportunities.wonRevenueCsv)
      expect(report.opportunities.withoutAccount).toBe(rows.filter((r) => !r.account).length)
    })
  })
}
