import { evaluate, isTruthy } from '@tessera/schemas'
import type { RecordRow } from '../store/database.js'
import { readLinkedData } from '../store/linked-fields-sql.js'
import { accessMap, inScope, mayFire, mayMoveRecord, readOnlyAccess, rowScopes } from './access.js'
import { actorInApp, type OpContext } from './engine-context.js'
import { errors } from './engine-errors.js'
import { withheldLinked } from './linked-access.js'
import type { Actor, RecordDetail } from './engine-types.js'
import { type InstanceView, subjectOf } from './record-ops.js'
import { toRecordView } from './record-view.js'
import type { ApprovalProgress } from './working-record.js'

const safeTruthy = (fn: () => unknown): boolean => {
  try {
    return isTruthy(fn())
  } catch {
    return false
  }
}

/**
 * A record as one actor may see it now: hidden fields withheld, the transitions open to them with
 * whether their guard holds, access per field, approval progress, the SLA due time.
 * `ctx.app` is the version the record lives in. Outside the actor's row scope it is "not found".
 */
export async function buildDetail(
  ctx: OpContext,
  row: RecordRow,
  inst: InstanceView | null | undefined,
  actor: Actor,
  options: { checkScope: boolean; dueAt?: Date | null },
): Promise<RecordDetail> {
  const form = ctx.app.form(row.form)
  if (!form) throw errors.formNotFound(row.app, row.form)
  const who = await actorInApp(ctx, ctx.app, actor)
  if (options.checkScope) {
    const visible = row.is_draft
      ? row.owner === actor.userId || actor.isAdmin
      : inScope(rowScopes(form, who, 'read'), subjectOf(row, inst), who, ctx.now)
    if (!visible) throw errors.recordNotFound(row.id)
  }
  const wf = inst ? ctx.app.definition.workflows?.find((w) => w.key === inst.workflow) : undefined
  const state = wf?.states.find((s) => s.key === inst?.state)
  // what PATCH and the transitions refuse is not offered: outside the edit scope fields are read-only
  const editable = inScope(rowScopes(form, who, 'edit'), subjectOf(row, inst), who, ctx.now)
  const fieldsAccess = accessMap(form, wf, state, who)
  const access = editable ? fieldsAccess : readOnlyAccess(fieldsAccess)
  for (const key of withheldLinked(ctx.app, form, who)) access[key] = 'hidden'
  // lookups and rollups are read now, from the related records as they are (in a write: as it left them)
  const linkedData = await readLinkedData(ctx.db, ctx.app.definition, form, row.id)
  const shown = linkedData ? { ...row, data: linkedData } : row
  const approval = inst?.approval as ApprovalProgress | null | undefined
  const transitions =
    wf && inst && !inst.needs_migration
      ? wf.transitions
          .filter(
            (t) =>
              t.from.includes(inst.state) &&
              t.roles.length > 0 &&
              mayMoveRecord(t, editable) &&
              mayFire(t, who, approval ? approval.approvers : [inst.assignee]),
          )
          .map((t) => ({
            key: t.key,
            ...(t.label !== undefined ? { label: t.label } : {}),
            requires: t.requires ?? [],
            guardOk:
              t.guard === undefined ||
              safeTruthy(() => evaluate(t.guard ?? true, row.data, { now: ctx.now, timeZone: ctx.timeZone })),
          }))
      : []
  const dueAt =
    options.dueAt !== undefined ? options.dueAt : inst ? await ctx.work.earliestTimer(row.id, row.app) : null
  return {
    ...toRecordView(shown, inst, access, dueAt),
    transitions,
    access,
    ...(approval
      ? {
          approval: {
            mode: approval.mode,
            decisions: approval.decisions,
            pending: approval.approvers.filter((u) => !approval.decisions.some((d) => d.userId === u)),
          },
        }
      : {}),
  }
}
