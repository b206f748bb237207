import type { ScheduleScope } from '@tessera/schemas'
import { sql } from 'kysely'
import { Duration } from 'luxon'
import type { AutomationStore } from './automation-store.js'
import { holds, recordScope } from './automation-trigger.js'

const EACH_LIMIT = 5000

/**
 * The records a scheduled run works through: of `each.form`, meeting `where`, and with `idle`,
 * unchanged for the duration with no related record (e.g. an activity of the opportunity) created in it.
 * The idle test is SQL, so a large table is not read into memory to find a few stale rows.
 */
export async function scheduleTargets(
  automations: AutomationStore,
  app: string,
  each: ScheduleScope,
  now: Date,
  timeZone: string,
): Promise<string[]> {
  let q = automations.db
    .selectFrom('record')
    .leftJoin('workflow_instance', 'workflow_instance.record_id', 'record.id')
    .selectAll('record')
    .select('workflow_instance.state')
    .where('record.app', '=', app)
    .where('record.form', '=', each.form)
    .where('record.deleted_at', 'is', null)
    .where('record.is_draft', '=', false)
  if (each.idle) {
    const since = new Date(now.getTime() - Duration.fromISO(each.idle.after).as('milliseconds'))
    q = q.where('record.updated_at', '<', since)
    for (const r of each.idle.related ?? [])
      q = q.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('record as rel')
              .select('rel.id')
              .where('rel.app', '=', app)
              .where('rel.form', '=', r.form)
              .where('rel.deleted_at', 'is', null)
              .where('rel.created_at', '>=', since)
              .where(sql<boolean>`rel.data->>${r.field} = record.id::text`),
          ),
        ),
      )
  }
  const rows = await q.orderBy('record.created_at').limit(EACH_LIMIT).execute()
  return rows.filter((r) => holds(each.where, recordScope(r, r.state), now, timeZone)).map((r) => r.id)
}
