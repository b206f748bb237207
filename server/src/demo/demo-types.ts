/** One row of the funnel: lead -> MQL -> SAL -> opportunity -> won. */
export interface FunnelRow {
  leads: number
  mql: number
  sal: number
  opportunity: number
  won: number
}

export interface DemoImport {
  step: string
  file: string
  form: string
  read: number
  imported: number
  updated: number
  skipped: number
  failed: number
  /** problem code -> rows (errors and warnings) */
  reasons: Record<string, number>
}

/** What the demo did and found; every figure can be checked against the CSVs. */
export interface DemoReport {
  durationMs: number
  imports: DemoImport[]
  team: { sales: number; managers: number; operations: number; salesByRegion: Record<string, number> }
  leads: {
    total: number
    bySource: Record<string, number>
    byGrade: Record<string, number>
    byState: Record<string, number>
    importedConverted: number
  }
  handoff: {
    qualified: number
    handedOff: number
    /** first assignments per rep, and per region */
    byRep: Record<string, number>
    byRegion: Record<string, number>
  }
  sla: {
    /** timers fired: each escalation reassigns the lead and notifies the sales managers */
    escalations: number
    escalatedLeads: number
    escalatedTwice: number
    reassignedToAnotherRep: number
    medianHoursToAccept: number | null
    breachedShare: number
  }
  outcomes: {
    accepted: number
    returned: number
    converted: number
    keptAccepted: number
    opportunitiesWon: number
    opportunitiesLost: number
  }
  returnReasons: Record<string, number>
  funnel: FunnelRow
  funnelBySource: Record<string, FunnelRow>
  funnelByRegion: Record<string, FunnelRow>
  opportunities: {
    byStage: Record<string, number>
    /** won revenue of the imported pipeline, as stored, and as summed from the CSV */
    wonRevenueImported: string
    wonRevenueCsv: string
    /** won revenue from opportunities the demo's conversions created */
    wonRevenueFromLeads: string
    withoutAccount: number
    accountsCreatedByConversion: number
  }
  /** engine refusals during the simulation (should be none), by step and code */
  refusals: Record<string, number>
}
