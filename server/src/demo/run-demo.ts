import { join } from 'node:path'
import { type Actor, createIdentityStore, type Engine, type Store } from '@tessera/runtime'
import type { ImportProfile } from '@tessera/schemas'
import { crmImportProfiles, crmTemplate } from '@tessera/templates'
import { runImport } from '../import/run-import.js'
import { runImportProfile } from '../import/run-import-profile.js'
import type { ImportSummary } from '../import/import-types.js'
import type { MovableClock } from './demo-clock.js'
import { readBack, slaOf } from './demo-report.js'
import type { DemoImport, DemoReport } from './demo-types.js'
import { listAll } from './list-all.js'
import { simulateHandoff, type Team } from './simulate-handoff.js'

export interface RunDemoOptions {
  /** the folder with the real CSVs (../shared/data) */
  dir: string
  engine: Engine
  store: Store
  /** the clock the engine was created with; the demo moves it to let SLAs run out */
  clock: MovableClock
  log?: (line: string) => void
  seed?: number
  /**
   * The platform admin the demo acts as: the one `tessera demo` printed, so the records it installs
   * and imports are that admin's. Without one (or if that user is no admin), a "Demo admin" of its own.
   */
  adminEmail?: string
}

const OPERATIONS = ['Olivia Chen', 'Omar Haddad', 'Oksana Petrenko']

/**
 * The main job (issue 5), from nothing: install the CRM, build the sales and operations teams, import
 * accounts, products, the 8,800-deal pipeline and all 9,240 leads, qualify the A/B leads and hand them
 * to sales round robin by region under a 24h SLA, let simulated reps accept, return and convert, and
 * report the funnel, the SLA and the return reasons. Every write goes through the engine's rules.
 */
export async function runDemo(options: RunDemoOptions): Promise<DemoReport> {
  const started = Date.now()
  const { engine, store, clock, dir } = options
  const log = options.log ?? (() => {})
  const identity = createIdentityStore(store.db)
  const given = options.adminEmail ? await identity.findUserByEmail(options.adminEmail) : undefined
  const adminUser =
    (given?.isAdmin ? given : undefined) ??
    (await identity.findUserByEmail('demo-admin@tessera.local')) ??
    (await identity.createUser({ email: 'demo-admin@tessera.local', name: 'Demo admin', isAdmin: true }))
  const admin: Actor = { userId: adminUser.id, isAdmin: true, via: 'cli' }
  const importer: Actor = { ...admin, via: 'import' }

  log('1. Installing the CRM template')
  const published = await engine.publish('crm', crmTemplate, admin)
  log(`   crm version ${published.version} published`)
  await identity.setMembership('crm', adminUser.id, { roles: ['admin'] })

  log('2. Sales team, accounts, products and the sales pipeline (profile crm-pipeline)')
  const pipeline = await runImportProfile({
    engine,
    store,
    app: crmTemplate,
    actor: importer,
    profile: profile('crm-pipeline'),
    dir,
  })
  const operations: Actor[] = []
  for (const name of OPERATIONS) {
    const email = `${name.toLowerCase().replace(/\s+/g, '.')}@ops.example.com`
    const user = (await identity.findUserByEmail(email)) ?? (await identity.createUser({ email, name }))
    await identity.setMembership('crm', user.id, { roles: ['operations'] })
    operations.push({ userId: user.id, isAdmin: false, via: 'cli' })
  }
  const members = await identity.listMembers('crm')
  const names = new Map(members.map((m) => [m.user.id, m.user.name]))
  const sales = members.filter((m) => m.roles.includes('sales'))
  const salesByRegion: Record<string, number> = {}
  for (const m of sales)
    salesByRegion[String(m.attributes.region)] = (salesByRegion[String(m.attributes.region)] ?? 0) + 1
  for (const s of pipeline.steps) log(`   ${s.file}: ${line(s.summary)}`)

  log('3. Importing the leads (profile leads-education)')
  const leadsFile = join(dir, 'leads-education.csv')
  const leads = await runImport({
    engine,
    store,
    app: crmTemplate,
    form: 'lead',
    source: { path: leadsFile },
    profile: profile('leads-education'),
    actor: importer,
  })
  log(`   leads-education.csv: ${line(leads)}`)

  log('4. Qualifying A/B leads and handing them off; 5. sales at work (simulated clock)')
  const accounts = await listAll(engine, 'crm', 'account', {}, admin)
  const accountsBefore = accounts.length
  const team: Team = { admin, operations, names }
  const tally = await simulateHandoff(
    engine,
    clock,
    team,
    accounts.map((a) => String(a.data.name)),
    (l) => log(l),
    options.seed,
  )

  log('6. Reading the results back')
  const back = await readBack(engine, admin, dir)
  const accountsAfter = (await engine.list('crm', 'account', { limit: 1, exactTotal: true }, admin)).total
  const imports: DemoImport[] = [
    ...pipeline.steps.map((s) => toImport(s.step, s.file, s.form, s.summary)),
    toImport('leads', 'leads-education.csv', 'lead', leads),
  ]
  const report: DemoReport = {
    durationMs: Date.now() - started,
    imports,
    team: {
      sales: sales.length,
      managers: members.filter((m) => m.roles.includes('sales_manager')).length,
      operations: operations.length,
      salesByRegion,
    },
    leads: { ...back.leads, importedConverted: (back.leads.byState.converted ?? 0) - tally.converted },
    handoff: {
      qualified: tally.qualified,
      handedOff: tally.handedOff,
      byRep: Object.fromEntries(tally.firstAssignee),
      byRegion: Object.fromEntries(tally.handedOffByRegion),
    },
    sla: { ...slaOf(tally), escalatedLeads: back.escalatedLeads, escalatedTwice: back.escalatedTwice },
    outcomes: {
      accepted: tally.accepted,
      returned: tally.returned,
      converted: tally.converted,
      keptAccepted: tally.keptAccepted,
      opportunitiesWon: tally.won,
      opportunitiesLost: tally.lost,
    },
    returnReasons: Object.fromEntries(tally.returnReasons),
    funnel: back.funnel,
    funnelBySource: back.funnelBySource,
    funnelByRegion: back.funnelByRegion,
    opportunities: { ...back.opportunities, accountsCreatedByConversion: accountsAfter - accountsBefore },
    refusals: Object.fromEntries(tally.refusals),
  }
  report.durationMs = Date.now() - started
  return report
}

const line = (s: ImportSummary) =>
  `${s.read} read, ${s.imported} imported, ${s.updated} updated, ${s.skipped} skipped, ${s.failed} failed${s.errors.length ? `, ${s.errors.length} reported` : ''}`

function toImport(step: string, file: string, form: string, s: ImportSummary): DemoImport {
  const reasons: Record<string, number> = {}
  for (const e of s.errors) reasons[e.code] = (reasons[e.code] ?? 0) + 1
  return {
    step,
    file,
    form,
    read: s.read,
    imported: s.imported,
    updated: s.updated,
    skipped: s.skipped,
    failed: s.failed,
    reasons,
  }
}

function profile(key: string): ImportProfile {
  const p = crmImportProfiles[key]
  if (!p) throw new Error(`the CRM template ships no import profile ${key}`)
  return p
}
