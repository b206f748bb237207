import type { DemoReport, FunnelRow } from './demo-types.js'

const pct = (a: number, b: number) => (b === 0 ? '   -' : `${((a / b) * 100).toFixed(1).padStart(5)}%`)
const sumRows = (rows: FunnelRow[]): FunnelRow =>
  rows.reduce(
    (a, r) => ({
      leads: a.leads + r.leads,
      mql: a.mql + r.mql,
      sal: a.sal + r.sal,
      opportunity: a.opportunity + r.opportunity,
      won: a.won + r.won,
    }),
    { leads: 0, mql: 0, sal: 0, opportunity: 0, won: 0 },
  )

/** What the funnel's stages count: how far a lead ever got, so returned leads keep the stages they reached. */
export const FUNNEL_NOTE =
  '  (MQL: ever qualified; SAL: ever accepted by sales, also when later returned; opp: converted)'

/**
 * The funnel rows by source: the ten largest, then the small ones summed in one row, so the rows
 * add up to every lead.
 */
export function sourceRows(bySource: Record<string, FunnelRow>, shown = 10): [string, FunnelRow][] {
  const sources = Object.entries(bySource).sort((a, b) => b[1].leads - a[1].leads)
  const rows: [string, FunnelRow][] = sources.slice(0, shown).map(([k, v]) => [`source ${k}`, v])
  const rest = sources.slice(shown)
  if (rest.length) rows.push([`${rest.length} other sources`, sumRows(rest.map(([, v]) => v))])
  return rows
}

const funnelLine = (name: string, r: FunnelRow) =>
  `  ${name.padEnd(22)} ${String(r.leads).padStart(6)} ${String(r.mql).padStart(6)} ${pct(r.mql, r.leads)} ${String(r.sal).padStart(6)} ${pct(r.sal, r.mql)} ${String(r.opportunity).padStart(6)} ${String(r.won).padStart(5)}`

/** The demo's closing report as text lines: funnel, SLA, return reasons, pipeline. */
export function formatDemoReport(r: DemoReport): string[] {
  const out: string[] = []
  out.push('', 'Imports')
  for (const i of r.imports) {
    const reasons = Object.entries(i.reasons)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')
    out.push(
      `  ${i.file.padEnd(34)} read ${i.read}, imported ${i.imported}, updated ${i.updated}, skipped ${i.skipped}, failed ${i.failed}${reasons ? ` (${reasons})` : ''}`,
    )
  }
  out.push(
    '',
    `Team: ${r.team.sales} sales reps (${Object.entries(r.team.salesByRegion)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}), ${r.team.managers} sales managers, ${r.team.operations} operations`,
  )
  out.push('', `Leads: ${r.leads.total} (${r.leads.importedConverted} imported as already converted)`)
  out.push(
    `  by grade: ${Object.entries(r.leads.byGrade)
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  )
  out.push(
    `  by state: ${Object.entries(r.leads.byState)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  )
  out.push('', 'Funnel                    leads    MQL   rate    SAL   rate   opp   won')
  out.push(funnelLine('all', r.funnel))
  for (const [name, row] of sourceRows(r.funnelBySource)) out.push(funnelLine(name, row))
  for (const [k, v] of Object.entries(r.funnelByRegion)) out.push(funnelLine(`region ${k}`, v))
  out.push(FUNNEL_NOTE)
  const reps = Object.values(r.handoff.byRep)
  out.push(
    '',
    `Handoff: ${r.handoff.qualified} qualified, ${r.handoff.handedOff} handed off round robin (${Object.entries(
      r.handoff.byRegion,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}); per rep ${reps.length ? `${Math.min(...reps)}-${Math.max(...reps)}` : '-'}`,
  )
  out.push(
    `SLA (24h): median time to accept ${r.sla.medianHoursToAccept ?? '-'} h; ${r.sla.escalations} escalations fired (${r.sla.escalatedLeads} leads, ${r.sla.escalatedTwice} twice), ${(r.sla.breachedShare * 100).toFixed(1)}% breached; ${r.sla.reassignedToAnotherRep} went to another rep`,
  )
  out.push(
    `Sales: ${r.outcomes.accepted} accepted, ${r.outcomes.converted} converted, ${r.outcomes.returned} returned, ${r.outcomes.keptAccepted} still open; new opportunities ${r.outcomes.opportunitiesWon} won, ${r.outcomes.opportunitiesLost} lost`,
  )
  out.push(
    '',
    `Return reasons (feedback to operations): ${Object.entries(r.returnReasons)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  )
  out.push(
    '',
    `Pipeline by stage: ${Object.entries(r.opportunities.byStage)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  )
  out.push(
    `Won revenue (imported pipeline): ${r.opportunities.wonRevenueImported}; in the CSV: ${r.opportunities.wonRevenueCsv} ${r.opportunities.wonRevenueImported === r.opportunities.wonRevenueCsv ? '(equal)' : '(DIFFERENT)'}`,
  )
  out.push(
    `Won revenue from converted leads: ${r.opportunities.wonRevenueFromLeads}; ${r.opportunities.withoutAccount} imported deals have no account; ${r.opportunities.accountsCreatedByConversion} accounts created by conversion`,
  )
  if (Object.keys(r.refusals).length)
    out.push(
      '',
      `Refused by the engine: ${Object.entries(r.refusals)
        .map(([k, v]) => `${k} x${v}`)
        .join(', ')}`,
    )
  out.push('', `Done in ${(r.durationMs / 1000).toFixed(1)} s`)
  return out
}
