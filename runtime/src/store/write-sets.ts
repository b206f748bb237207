import { type RawBuilder, sql } from 'kysely'

/**
 * The set-based parts of `writeAll`: version bumps, instance upserts, events, timer cancels and new
 * timers. Each part's rows go as one JSON document in one parameter and are read back as a table
 * (`jsonb_to_recordset`), so a batch of 200 timers is five parameters instead of some 5,000 values,
 * and the statement's text is the same whatever the number of rows (one parse, one cached shape).
 * The rows keep their order (`with ordinality`): events reach the automation inbox as given.
 */
export type WriteSets = Partial<Record<keyof typeof SETS, unknown>>

/** Each record at most once per part, as `writeAll` promises. */
const SETS = {
  bumps: (rows: unknown) => sql`(
    update record set version = v.version, updated_at = v.at
    from ${table(rows, sql`id uuid, app text, version int, at timestamptz`)}
    where record.id = v.id and record.app = v.app)`,

  instances: (rows: unknown) => sql`(
    insert into workflow_instance
      (record_id, app, workflow, workflow_version, state, snapshot, assignee, approval, needs_migration, updated_at)
    select v.record_id, v.app, v.workflow, v.workflow_version, v.state, v.snapshot, v.assignee, v.approval,
      coalesce(v.needs_migration, false), v.updated_at
    from ${table(
      rows,
      sql`record_id uuid, app text, workflow text, workflow_version int, state text, snapshot jsonb,
      assignee uuid, approval jsonb, needs_migration boolean, updated_at timestamptz`,
    )}
    order by v.ordinality
    on conflict (record_id, app) do update set
      workflow = excluded.workflow, workflow_version = excluded.workflow_version, state = excluded.state,
      snapshot = excluded.snapshot, assignee = excluded.assignee, approval = excluded.approval,
      needs_migration = excluded.needs_migration, updated_at = excluded.updated_at)`,

  events: (rows: unknown) => sql`(
    insert into event (app, record_id, seq, type, actor, at, transition, from_state, to_state, diff, meta)
    select v.app, v.record_id, v.seq, v.type, v.actor, v.at, v.transition, v.from_state, v.to_state, v.diff, v.meta
    from ${table(
      rows,
      sql`app text, record_id uuid, seq int, type text, actor uuid, at timestamptz, transition text,
      from_state text, to_state text, diff jsonb, meta jsonb`,
    )}
    order by v.ordinality)`,

  // they see the timers as they were before the statement: a timer armed in it is not cancelled
  cancels: (rows: unknown) => sql`(
    update timer set status = 'cancelled'
    from ${table(rows, sql`app text, record_id uuid, state text`)}
    where timer.status = 'armed' and timer.record_id = v.record_id and timer.app = v.app
      and (v.state is null or timer.state = v.state))`,

  timers: (rows: unknown) => sql`(
    insert into timer (app, record_id, state, transition, due_at, status, created_at)
    select v.app, v.record_id, v.state, v.transition, v.due_at, 'armed', v.created_at
    from ${table(rows, sql`app text, record_id uuid, state text, transition text, due_at timestamptz, created_at timestamptz`)}
    order by v.ordinality)`,
} satisfies Record<string, (rows: unknown) => RawBuilder<unknown>>

/** A JSON document of rows (a JSON text, or a placeholder for one) as the table `v`, with its row order. */
const table = (rows: unknown, columns: RawBuilder<unknown>) =>
  sql`rows from (jsonb_to_recordset(cast(${rows} as text)::jsonb) as (${columns})) with ordinality as v`

/** The parts present in `sets` (in a fixed order), each as a CTE body: a `with` takes them as they are. */
export function writeSetParts(sets: WriteSets): RawBuilder<unknown>[] {
  const parts: RawBuilder<unknown>[] = []
  for (const [name, build] of Object.entries(SETS))
    if (sets[name as keyof WriteSets] !== undefined) parts.push(build(sets[name as keyof WriteSets]))
  return parts
}

/** The JSON document of a part's rows, or undefined when it has none (the part is left out). */
export const documentOf = (rows: readonly object[]): string | undefined =>
  rows.length === 0 ? undefined : JSON.stringify(rows)
