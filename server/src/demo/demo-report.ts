import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import type { Actor, Engine, RecordView } from '@tessera/runtime'
import { Dec } from '@tessera/schemas'
import { parse } from 'csv-parse'
import type { DemoReport, FunnelRow } from './demo-types.js'
import { listAll } from './list-all.js'
import type { HandoffTally } from './simulate-handoff.js'

const MQL_STATES = new Set(['qualified', 'handed_off', 'accepted', 'converted'])

/** The funnel and pipeline figures, read back through the engine (not from the simulation's memory). */
export async function readBack(engine: Engine, admin: Actor, dir: string) {
  const leads = await listAll(engine, 'crm', 'lead', {}, admin)
  const opportunities = await listAll(engine, 'crm', 'opportunity', {}, admin)
  const wonLinkedLeads = new Set(
    opportunities
      .filter((o) => o.state === 'won' && typeof o.data.lead === 'string')
      .map((o) => o.data.lead as string),
  )
  const count = (m: Record<string, number>, k: string) => {
    m[k] = (m[k] ?? 0) + 1
  }
  const bySource: Record<string, number> = {}
  const byGrade: Record<string, number> = {}
  const byState: Record<string, number> = {}
  const funnel = emptyRow()
  const funnelBySource: Record<string, FunnelRow> = {}
  const funnelByRegion: Record<string, FunnelRow> = {}
  for (const lead of leads) {
    const source = typeof lead.data.source === 'string' ? lead.data.source : '(none)'
    count(bySource, source)
    count(byGrade, typeof lead.data.grade === 'string' ? lead.data.grade : '(none)')
    count(byState, lead.state ?? '(none)')
    const stage = stageOf(lead, wonLinkedLeads)
    const region = String(lead.data.region ?? '(none)')
    funnelBySource[source] ??= emptyRow()
    funnelByRegion[region] ??= emptyRow()
    for (const row of [funnel, funnelBySource[source], funnelByRegion[region]]) add(row, stage)
  }
  const sum = (items: RecordView[]) =>
    items.reduce((s, o) => s.plus(new Dec(String(o.data.close_value ?? '0'))), new Dec(0))
  const won = opportunities.filter((o) => o.state === 'won')
  const byStage: Record<string, number> = {}
  for (const o of opportunities) count(byStage, o.state ?? '(none)')
  const escalated = leads.map((l) => Number(l.data.escalations ?? 0) || 0)
  return {
    escalatedLeads: escalated.filter((n) => n >= 1).length,
    escalatedTwice: escalated.filter((n) => n >= 2).length,
    leads: { total: leads.length, bySource, byGrade, byState, importedConverted: 0 },
    funnel,
    funnelBySource,
    funnelByRegion,
    opportunities: {
      byStage,
      wonRevenueImported: sum(won.filter((o) => typeof o.data.external_id === 'string')).toFixed(),
      wonRevenueCsv: await wonRevenueInCsv(join(dir, 'crm-pipeline-sales_pipeline.csv')),
      wonRevenueFromLeads: sum(won.filter((o) => typeof o.data.lead === 'string')).toFixed(),
      withoutAccount: opportunities.filter((o) => typeof o.data.external_id === 'string' && !o.data.account)
        .length,
      accountsCreatedByConversion: 0,
    },
  }
}

/**
 * The furthest a lead ever got: 0 lead, 1 MQL, 2 SAL, 3 opportunity (converted), 4 its opportunity
 * won. Every stage counts what was reached, not where the lead is now, as a funnel's cohorts do: a
 * lead sales returned to nurturing stays an MQL, and stays an SAL when sales had accepted it first
 * (`accepted_at` is kept); one returned before anyone accepted it is an MQL only.
 */
export function stageOf(
  lead: Pick<RecordView, 'id' | 'state' | 'data'>,
  wonLinkedLeads: Set<string>,
): number {
  if (wonLinkedLeads.has(lead.id)) return 4
  if (lead.state === 'converted') return 3
  const returned = typeof lead.data.returned_at === 'string'
  if (lead.state === 'accepted' || typeof lead.data.accepted_at === 'string') return 2
  if (MQL_STATES.has(lead.state ?? '') || returned) return 1
  return 0
}

const emptyRow = (): FunnelRow => ({ leads: 0, mql: 0, sal: 0, opportunity: 0, won: 0 })
function add(row: FunnelRow, stage: number) {
  row.leads++
  if (stage >= 1) row.mql++
  if (stage >= 2) row.sal++
  if (stage >= 3) row.opportunity++
  if (stage >= 4) row.won++
}

/** The figure to check against: the Won rows' close_value summed straight from the file. */
async function wonRevenueInCsv(path: string): Promise<string> {
  let total = new Dec(0)
  for await (const row of createReadStream(path).pipe(parse({ columns: true, bom: true })) as AsyncIterable<
    Record<string, string>
  >)
    if (row.deal_stage === 'Won' && row.close_value) total = total.plus(new Dec(row.close_value))
  return total.toFixed()
}

export function slaOf(tally: HandoffTally): DemoReport['sla'] {
  const hours = [...tally.hoursToAccept].sort((a, b) => a - b)
  const mid = hours.length / 2
  const median =
    hours.length === 0
      ? null
      : hours.length % 2
        ? (hours[Math.floor(mid)] as number)
        : ((hours[mid - 1] as number) + (hours[mid] as number)) / 2
  return {
    escalations: tally.escalations,
    escalatedLeads: tally.escalatedLeads.size,
    escalatedTwice: 0,
    reassignedToAnotherRep: tally.reassigned,
    medianHoursToAccept: median === null ? null : Math.round(median * 10) / 10,
    breachedShare:
      tally.handedOff === 0 ? 0 : Math.round((tally.escalatedLeads.size / tally.handedOff) * 1000) / 1000,
  }
}
