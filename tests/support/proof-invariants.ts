import type { Database } from '@tessera/runtime'
import { type Kysely, sql } from 'kysely'

/**
 * The invariant suite of issue 8, as queries over the store. Each check answers a list of
 * violations (empty when it holds), worded so a failing test says what broke and where.
 */

/** Every record's events are numbered 1..version with no gap: no half-applied write. */
export async function eventsMatchVersions(db: Kysely<Database>, app: string): Promise<string[]> {
  const rows = await sql<{ id: string; version: number; events: number; max_seq: number | null }>`
    select r.id, r.version, count(e.id)::int as events, max(e.seq)::int as max_seq
    from record r left join event e on e.record_id = r.id
    where r.app = ${app}
    group by r.id, r.version`.execute(db)
  return rows.rows
    .filter((r) => r.events !== r.version || r.max_seq !== r.version)
    .map((r) => `record ${r.id}: version ${r.version} but ${r.events} events (max seq ${r.max_seq})`)
}

/** A record whose events moved it between states has its instance, in the state the last move went to. */
export async function instancesMatchEvents(db: Kysely<Database>, app: string): Promise<string[]> {
  const rows = await sql<{ id: string; state: string | null; last_to: string | null }>`
    select r.id, i.state,
      (select e.to_state from event e where e.record_id = r.id and e.to_state is not null
        order by e.seq desc limit 1) as last_to
    from record r left join workflow_instance i on i.record_id = r.id
    where r.app = ${app}`.execute(db)
  return rows.rows
    .filter((r) => r.last_to !== null && r.last_to !== r.state)
    .map((r) => `record ${r.id}: instance state ${r.state} but the last event went to ${r.last_to}`)
}

/** Each value of `field` is stored once (a client-chosen reference: accepted exactly once). */
export async function storedOnce(
  db: Kysely<Database>,
  app: string,
  field: string,
): Promise<{ values: Map<string, number>; violations: string[] }> {
  const rows = await sql<{ value: string; n: number }>`
    select value, count(*)::int as n
    from (select data->>${field} as value from record where app = ${app}) as v
    group by value`.execute(db)
  const values = new Map(rows.rows.map((r) => [r.value, r.n]))
  return {
    values,
    violations: rows.rows.filter((r) => r.n !== 1).map((r) => `${field}=${r.value} stored ${r.n} times`),
  }
}

/** Serial numbers (`PREFIX-000123`) are unique and run 1..count with no gap. */
export async function serialsGapFree(db: Kysely<Database>, app: string, field: string): Promise<string[]> {
  const rows = await sql<{ value: string | null }>`
    select data->>${field} as value from record where app = ${app}`.execute(db)
  const numbers = rows.rows.map((r) => Number(/(\d+)$/.exec(r.value ?? '')?.[1] ?? Number.NaN))
  const problems: string[] = []
  const missing = numbers.filter((n) => Number.isNaN(n)).length
  if (missing > 0) problems.push(`${missing} records have no serial in ${field}`)
  const sorted = numbers.filter((n) => !Number.isNaN(n)).sort((a, b) => a - b)
  const seen = new Set<number>()
  for (const n of sorted) {
    if (seen.has(n)) problems.push(`serial ${n} given twice`)
    seen.add(n)
  }
  for (let i = 1; i <= sorted.length; i++) if (!seen.has(i)) problems.push(`serial ${i} missing (gap)`)
  return problems
}

/**
 * Timers: none fired twice (at most one `fire` event per timer), every fired timer left its transition
 * event, none lost (no armed timer whose due time passed more than `graceMs` ago), and the record
 * of a fired timer is in the state the timer's transition leads to or beyond.
 */
export async function timersExactlyOnce(
  db: Kysely<Database>,
  app: string,
  transition: string,
  now: Date,
  graceMs: number,
): Promise<{ fired: number; cancelled: number; violations: string[] }> {
  const timers = await sql<{ id: string; record_id: string; status: string; due_at: Date }>`
    select t.id, t.record_id, t.status, t.due_at from timer t join record r on r.id = t.record_id
    where r.app = ${app} and t.transition = ${transition}`.execute(db)
  const events = await sql<{ record_id: string; n: number }>`
    select e.record_id, count(*)::int as n from event e join record r on r.id = e.record_id
    where r.app = ${app} and e.transition = ${transition} group by e.record_id`.execute(db)
  const eventCount = new Map(events.rows.map((e) => [e.record_id, e.n]))
  const firedPer = new Map<string, number>()
  const violations: string[] = []
  let cancelled = 0
  for (const t of timers.rows) {
    if (t.status === 'fired') firedPer.set(t.record_id, (firedPer.get(t.record_id) ?? 0) + 1)
    if (t.status === 'cancelled') cancelled++
    if (t.status === 'failed') violations.push(`timer ${t.id} failed`)
    if (t.status === 'armed' && new Date(t.due_at).getTime() < now.getTime() - graceMs)
      violations.push(`timer ${t.id} due ${new Date(t.due_at).toISOString()} never fired (lost)`)
  }
  for (const [record, n] of firedPer) {
    const ev = eventCount.get(record) ?? 0
    if (ev !== n) violations.push(`record ${record}: ${n} fired timers but ${ev} ${transition} events`)
  }
  for (const [record, n] of eventCount)
    if (n > (firedPer.get(record) ?? 0)) violations.push(`record ${record}: ${transition} fired ${n} times`)
  let fired = 0
  for (const n of firedPer.values()) fired += n
  return { fired, cancelled, violations }
}

export interface OutboxCheck {
  rows: number
  delivered: number
  violations: string[]
}

/** Every webhook message is delivered and its key reached the receiver (at least once). */
export async function outboxDelivered(
  db: Kysely<Database>,
  app: string,
  received: Set<string>,
): Promise<OutboxCheck> {
  const rows = await sql<{ idempotency_key: string; status: string; attempts: number }>`
    select idempotency_key, status, attempts from outbox
    where kind = 'webhook' and payload->>'app' = ${app}`.execute(db)
  const violations: string[] = []
  let delivered = 0
  for (const r of rows.rows) {
    if (r.status === 'delivered') delivered++
    else violations.push(`outbox ${r.idempotency_key} is ${r.status} after ${r.attempts} attempts`)
    if (!received.has(r.idempotency_key))
      violations.push(`outbox ${r.idempotency_key} never reached the receiver`)
  }
  const keys = new Set(rows.rows.map((r) => r.idempotency_key))
  for (const k of received) if (!keys.has(k)) violations.push(`receiver got ${k}, which no outbox row holds`)
  return { rows: rows.rows.length, delivered, violations }
}

/** How many `transition` events each record has: for comparing with what the clients saw succeed. */
export async function transitionEvents(db: Kysely<Database>, app: string): Promise<Map<string, number>> {
  const rows = await sql<{ transition: string; n: number }>`
    select e.transition, count(*)::int as n from event e join record r on r.id = e.record_id
    where r.app = ${app} and e.type = 'transition' group by e.transition`.execute(db)
  return new Map(rows.rows.map((r) => [r.transition, r.n]))
}

/**
 * The per-app tables whose rows belong to a record (migration 0010). `linked`: a foreign key holds
 * the record; the others (the outbox, runs, notifications) may outlive it.
 */
const OF_A_RECORD: { table: string; linked: boolean }[] = [
  { table: 'workflow_instance', linked: true },
  { table: 'event', linked: true },
  { table: 'timer', linked: true },
  { table: 'unique_value', linked: true },
  { table: 'record_comment', linked: true },
  { table: 'automation_inbox', linked: false },
  { table: 'outbox', linked: false },
  { table: 'automation_run', linked: false },
  { table: 'notification', linked: false },
]

/**
 * Every row of a per-app table carries the app of the record it belongs to (the distribution key
 * that places it on the record's shard), and an outbox message without a record the app its payload
 * names. Answers how many rows were checked, and the violations.
 */
export async function appsAgree(db: Kysely<Database>): Promise<{ rows: number; violations: string[] }> {
  const violations: string[] = []
  let rows = 0
  for (const { table, linked } of OF_A_RECORD) {
    const r = await sql<{ n: number; wrong: number; lost: number }>`
      select count(*)::int as n,
        count(*) filter (where r.id is not null and r.app <> t.app)::int as wrong,
        count(*) filter (where t.record_id is not null and r.id is null)::int as lost
      from ${sql.table(table)} t left join record r on r.id = t.record_id`.execute(db)
    const row = r.rows[0] ?? { n: 0, wrong: 0, lost: 0 }
    rows += row.n
    if (row.wrong > 0) violations.push(`${table}: ${row.wrong} rows name another app than their record's`)
    if (linked && row.lost > 0) violations.push(`${table}: ${row.lost} rows whose record is missing`)
  }
  const loose = await sql<{ n: number }>`
    select count(*)::int as n from outbox where record_id is null and app is distinct from payload->>'app'`.execute(
    db,
  )
  const n = loose.rows[0]?.n ?? 0
  if (n > 0) violations.push(`outbox: ${n} messages without a record name another app than their payload's`)
  return { rows, violations }
}
