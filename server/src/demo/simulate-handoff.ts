import type { Actor, Engine, RecordView } from '@tessera/runtime'
import { isTesseraError } from '@tessera/runtime'
import type { MovableClock } from './demo-clock.js'
import { listAll } from './list-all.js'
import { seededRandom, weighted } from './seeded-random.js'

const HOUR = 3_600_000
/** How far the simulation moves its clock: the first day, 12 more hours, a day, then a week of deals. */
export const SIMULATED_SPAN_MS = (24 + 12 + 24 + 7 * 24) * HOUR + 5 * 60_000
const REGIONS = ['Central', 'East', 'West'] as const
const RETURN_REASONS = [
  ['not_a_fit', 30],
  ['no_budget', 25],
  ['unreachable', 20],
  ['wrong_contact', 10],
  ['duplicate', 5],
  ['other', 10],
] as const

export interface Team {
  admin: Actor
  operations: Actor[]
  /** user id -> display name */
  names: Map<string, string>
}

export interface HandoffTally {
  qualified: number
  handedOff: number
  firstAssignee: Map<string, number>
  handedOffByRegion: Map<string, number>
  escalations: number
  escalatedLeads: Set<string>
  reassigned: number
  hoursToAccept: number[]
  accepted: number
  returned: number
  converted: number
  keptAccepted: number
  returnReasons: Map<string, number>
  won: number
  lost: number
  refusals: Map<string, number>
}

/**
 * The people part of the job, simulated and seeded: operations qualify the A/B leads (placing each in
 * a region) and hand them off; sales reps accept most within the day, and the 24h SLA escalates the
 * rest to the next rep once the clock moves past it; then reps convert, return (with reasons) or keep
 * what they accepted, and work the new opportunities. Every step is an engine transition by the
 * person allowed to take it, so the workflow's rules hold throughout.
 */
export async function simulateHandoff(
  engine: Engine,
  clock: MovableClock,
  team: Team,
  accountNames: string[],
  log: (line: string) => void,
  seed = 20240601,
): Promise<HandoffTally> {
  const random = seededRandom(seed)
  const tally: HandoffTally = {
    qualified: 0,
    handedOff: 0,
    firstAssignee: new Map(),
    handedOffByRegion: new Map(),
    escalations: 0,
    escalatedLeads: new Set(),
    reassigned: 0,
    hoursToAccept: [],
    accepted: 0,
    returned: 0,
    converted: 0,
    keptAccepted: 0,
    returnReasons: new Map(),
    won: 0,
    lost: 0,
    refusals: new Map(),
  }
  const bump = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by)
  const attempt = async (step: string, run: () => Promise<RecordView>): Promise<RecordView | null> => {
    try {
      return await run()
    } catch (e) {
      if (!isTesseraError(e)) throw e
      bump(tally.refusals, `${step}: ${e.code}`)
      if ((tally.refusals.get(`${step}: ${e.code}`) ?? 0) === 1)
        log(`  ! ${step} refused: ${e.code} ${e.localized.en}`)
      return null
    }
  }
  const rep = (userId: string | null): Actor => ({ userId, isAdmin: false, via: 'cli' })

  const open = await listAll(engine, 'crm', 'lead', { filter: { state: { eq: 'new' } } }, team.admin)
  const candidates = open
    .filter((l) => l.data.grade === 'A' || l.data.grade === 'B')
    .sort((a, b) => String(a.data.lead_number).localeCompare(String(b.data.lead_number)))
  log(`  ${candidates.length} of ${open.length} open leads are grade A or B`)

  const handedAt = clock.now().getTime()
  const waiting = new Map<string, RecordView>()
  for (const [i, lead] of candidates.entries()) {
    const ops = team.operations[i % team.operations.length] as Actor
    const region = weighted(
      random,
      REGIONS.map((r) => [r, 1] as const),
    )
    const qualified = await attempt('qualify', () =>
      engine.transition(lead.id, 'qualify', { region }, ops, lead.version),
    )
    if (!qualified) continue
    tally.qualified++
    const handed = await attempt('hand_off', () =>
      engine.transition(lead.id, 'hand_off', {}, ops, qualified.version),
    )
    if (!handed) continue
    tally.handedOff++
    bump(tally.firstAssignee, team.names.get(handed.assignee ?? '') ?? 'unassigned')
    bump(tally.handedOffByRegion, region)
    waiting.set(handed.id, handed)
  }
  log(`  ${tally.handedOff} leads handed off round robin by region`)

  // three in four reps accept within the working day; the rest let the SLA run out
  const acceptHour = new Map<string, number>()
  for (const id of waiting.keys()) if (random() < 0.75) acceptHour.set(id, 1 + Math.floor(random() * 20))
  const acceptDue = async (hour: number) => {
    for (const [id, h] of acceptHour) {
      if (h !== hour) continue
      const lead = waiting.get(id) as RecordView
      const done = await attempt('accept', () =>
        engine.transition(id, 'accept', {}, rep(lead.assignee), lead.version),
      )
      acceptHour.delete(id)
      if (!done) continue
      waiting.delete(id)
      tally.accepted++
      tally.hoursToAccept.push((clock.now().getTime() - handedAt) / HOUR)
      accepted.set(id, done)
    }
  }
  const accepted = new Map<string, RecordView>()
  for (let hour = 1; hour <= 24; hour++) {
    clock.advance(HOUR)
    await acceptDue(hour)
  }
  clock.advance(5 * 60_000)
  let fired = 0
  for (let n = await engine.runDueTimers(1000); n > 0; n = await engine.runDueTimers(1000)) fired += n
  tally.escalations = fired
  log(`  24h SLA: ${fired} escalations fired, each reassigning the lead and notifying the sales managers`)

  const stillWaiting = await listAll(
    engine,
    'crm',
    'lead',
    { filter: { state: { eq: 'handed_off' } } },
    team.admin,
  )
  for (const lead of stillWaiting) {
    const before = waiting.get(lead.id)
    if ((Number(lead.data.escalations ?? 0) || 0) > 0) tally.escalatedLeads.add(lead.id)
    if (before && before.assignee !== lead.assignee) tally.reassigned++
    waiting.set(lead.id, lead)
    acceptHour.set(lead.id, 25 + Math.floor(random() * 12))
  }
  for (let hour = 25; hour <= 36; hour++) {
    clock.advance(HOUR)
    await acceptDue(hour)
  }
  log(`  ${tally.accepted} leads accepted by sales`)

  // a day later the reps decide: convert, return to operations with a reason, or keep working
  clock.advance(24 * HOUR)
  const created: { opp: RecordView; actor: Actor }[] = []
  for (const [id, lead] of accepted) {
    const actor = rep(lead.assignee)
    const choice = weighted(random, [
      ['convert', 45],
      ['return', 30],
      ['keep', 25],
    ] as const)
    if (choice === 'keep') {
      tally.keptAccepted++
      continue
    }
    if (choice === 'return') {
      const reason = weighted(random, RETURN_REASONS)
      const payload =
        reason === 'other'
          ? { return_reason: reason, return_note: 'Asked to be contacted next quarter' }
          : { return_reason: reason }
      if (await attempt('return', () => engine.transition(id, 'return', payload, actor, lead.version))) {
        tally.returned++
        bump(tally.returnReasons, reason)
      }
      continue
    }
    const existing = accountNames.length > 0 && random() < 0.6
    const company = existing
      ? (accountNames[Math.floor(random() * accountNames.length)] as string)
      : `${String(lead.data.city ?? lead.data.country ?? 'Online')} Learners ${String(lead.data.lead_number)}`
    const done = await attempt('convert', () =>
      engine.transition(id, 'convert', { company }, actor, lead.version),
    )
    if (!done) continue
    tally.converted++
    const oppId = typeof done.data.converted_opportunity === 'string' ? done.data.converted_opportunity : null
    if (oppId) created.push({ opp: await engine.get(oppId, actor), actor })
  }
  log(
    `  ${tally.converted} converted, ${tally.returned} returned to operations, ${tally.keptAccepted} still being worked`,
  )

  // the new opportunities: engaged, then some won and some lost
  clock.advance(7 * 24 * HOUR)
  for (const { opp, actor } of created) {
    const engaged = await attempt('engage', () => engine.transition(opp.id, 'engage', {}, actor, opp.version))
    if (!engaged) continue
    // closed the day it was engaged: that day in the app's time zone (Asia/Shanghai), as engage stamped
    // it, not the UTC date, which is the day before from 16:00 UTC and a deal cannot close before it engaged
    const today =
      typeof engaged.data.engage_date === 'string'
        ? engaged.data.engage_date
        : clock.now().toISOString().slice(0, 10)
    const fate = weighted(random, [
      ['won', 40],
      ['lost', 25],
      ['open', 35],
    ] as const)
    if (fate === 'won') {
      const closeValue = String(500 + Math.floor(random() * 50) * 100)
      if (
        await attempt('win', () =>
          engine.transition(
            opp.id,
            'win',
            { close_value: closeValue, close_date: today },
            actor,
            engaged.version,
          ),
        )
      )
        tally.won++
    } else if (fate === 'lost') {
      const reason = weighted(random, [
        ['price', 3],
        ['competitor', 3],
        ['no_decision', 2],
        ['timing', 1],
      ] as const)
      if (
        await attempt('lose', () =>
          engine.transition(
            opp.id,
            'lose',
            { lost_reason: reason, close_date: today },
            actor,
            engaged.version,
          ),
        )
      )
        tally.lost++
    }
  }
  log(`  ${tally.won} of their opportunities won and ${tally.lost} lost so far`)
  return tally
}
