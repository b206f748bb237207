import type { StateDefinition } from '@tessera/schemas'
import { type Kysely, sql } from 'kysely'
import { TesseraError } from '../errors.js'
import { orgChart } from '../org/org-chart.js'
import type { Database } from '../store/database.js'
import type { LoadedApp } from './app-registry.js'
import { actorInApp, type OpContext, type Stores } from './engine-context.js'
import { errors } from './engine-errors.js'
import type { Actor, OpenWorkItem } from './engine-types.js'
import { searchText } from './record-checks.js'
import { mustSee, type Written } from './record-ops.js'
import type { ApprovalProgress } from './working-record.js'

type LoadApp = (db: Kysely<Database>, app: string, version: number) => Promise<LoadedApp>

/** Names a record for whoever lists the work: `recordTitle` over the fields they may see in its state. */
export type TitleOf = (
  app: LoadedApp,
  form: string,
  state: StateDefinition | undefined,
  data: Record<string, unknown>,
) => Promise<string | undefined>

/** The open work of one person, oldest change first; final states are left out by their version's definition. */
export async function openWorkOf(
  db: Kysely<Database>,
  loadApp: LoadApp,
  userId: string,
  titleOf: TitleOf,
): Promise<OpenWorkItem[]> {
  const rows = await db
    .selectFrom('workflow_instance as wi')
    .innerJoin('record as r', 'r.id', 'wi.record_id')
    .select(['wi.record_id', 'wi.app', 'wi.workflow', 'wi.workflow_version', 'wi.state', 'wi.assignee'])
    .select(['r.form', 'r.version', 'r.updated_at', 'r.data'])
    .select(
      sql<boolean>`(coalesce(wi.approval -> 'approvers', '[]'::jsonb) ? ${userId} and not exists (
        select 1 from jsonb_array_elements(coalesce(wi.approval -> 'decisions', '[]'::jsonb)) d
        where d ->> 'userId' = ${userId}))`.as('pending'),
    )
    .where('r.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('wi.assignee', '=', userId),
        sql<boolean>`coalesce(wi.approval -> 'approvers', '[]'::jsonb) ? ${userId}`,
      ]),
    )
    .orderBy('r.updated_at')
    .orderBy('wi.record_id')
    .execute()
  const out: OpenWorkItem[] = []
  for (const r of rows) {
    if (r.assignee !== userId && !r.pending) continue
    const app = await loadApp(db, r.app, r.workflow_version)
    const state = app.definition.workflows
      ?.find((w) => w.key === r.workflow)
      ?.states.find((s) => s.key === r.state)
    if (state?.final) continue
    const title = await titleOf(app, r.form, state, r.data as Record<string, unknown>)
    out.push({
      recordId: r.record_id,
      app: r.app,
      form: r.form,
      state: r.state,
      version: r.version,
      assignee: r.assignee,
      approval: r.pending,
      updatedAt: r.updated_at.toISOString(),
      ...(title !== undefined ? { title } : {}),
    })
  }
  return out
}

/** May the actor hand on the work of `userId` in an app: an admin, their `manager`, or a head above them. */
export async function managesIn(
  ctx: Pick<Stores, 'identity' | 'departments'>,
  app: string,
  actor: Actor,
  userId: string,
): Promise<boolean> {
  if (actor.isAdmin || actor.system) return true
  if (!actor.userId || actor.userId === userId) return false
  const membership = await ctx.identity.getMembership(app, userId)
  if (membership?.attributes.manager === actor.userId) return true
  return orgChart(await ctx.departments.chart())
    .headsAbove(userId)
    .includes(actor.userId)
}

/** May the actor hand on any of the work of `userId`: their `manager` in some app, or a head above them. */
export async function managesAnywhere(
  ctx: Pick<Stores, 'identity' | 'departments'>,
  actor: Actor,
  userId: string,
): Promise<boolean> {
  if (actor.isAdmin || actor.system) return true
  if (!actor.userId || actor.userId === userId) return false
  const memberships = await ctx.identity.listMemberships(userId)
  if (memberships.some((m) => m.attributes.manager === actor.userId)) return true
  return orgChart(await ctx.departments.chart())
    .headsAbove(userId)
    .includes(actor.userId)
}

const notAssignable = (to: string) =>
  new TesseraError(
    'INVALID',
    { en: `${to} is not an active member of this app`, 'zh-CN': `${to} 不是此应用的在职成员` },
    {
      problems: [
        {
          path: '/to',
          code: 'notAssignable',
          message: { en: 'not an active member of the app', 'zh-CN': '不是应用的在职成员' },
        },
      ],
    },
  )

/**
 * Hands a record from `from` (its assignee or a pending approver) to `to`, in the caller's transaction:
 * the instance, the state's `assigneeField` and an `assigned` event change together. Only records in a
 * non-final state; only an admin or a manager of `from`; `to` must be an active, available member.
 */
export async function reassignRecord(
  ctx: OpContext,
  loadApp: LoadApp,
  input: { recordId: string; from: string; to: string; expectedVersion?: number },
  actor: Actor,
): Promise<Written> {
  const found = await ctx.records.lockWithInstance(input.recordId)
  if (!found) throw errors.recordNotFound(input.recordId)
  const { row, instance: inst } = found
  const app = await loadApp(ctx.db, row.app, inst?.workflow_version ?? row.form_version)
  const form = app.form(row.form)
  if (!form) throw errors.formNotFound(row.app, row.form)
  const approval = (inst?.approval ?? null) as ApprovalProgress | null
  const pendingApprover =
    approval?.approvers.includes(input.from) && !approval.decisions.some((d) => d.userId === input.from)
  const theirs = inst !== undefined && (inst.assignee === input.from || pendingApprover === true)
  const manages = await managesIn(ctx, row.app, actor, input.from)
  // A manager may hand on their person's open work even where the form's row rules would not let
  // them read it (that work is listed to them as open work). Anyone else who may not read the
  // record hears it does not exist, and who may not hand on the work is refused, before a version
  // or a state tells them anything about it.
  if (!(manages && theirs)) {
    mustSee(form, await actorInApp(ctx, app, actor), actor, row, inst, ctx.now)
    if (!manages)
      throw errors.forbidden(
        "only an admin or the person's manager may hand on their work",
        '只有管理员或其上级可以转交其工作',
        { recordId: input.recordId },
      )
  }
  if (input.expectedVersion !== undefined && row.version !== input.expectedVersion)
    throw errors.conflict(input.expectedVersion, row.version)
  if (!inst || !theirs)
    throw new TesseraError(
      'ALREADY_DONE',
      {
        en: `the record is no longer waiting for ${input.from}`,
        'zh-CN': `该记录已不在等待 ${input.from} 处理`,
      },
      { recordId: input.recordId, assignee: inst?.assignee ?? null },
    )
  const wf = app.definition.workflows?.find((w) => w.key === inst.workflow)
  const state = wf?.states.find((s) => s.key === inst.state)
  if (!state || state.final) throw errors.notOpen('reassign', inst.state)
  const target = await ctx.identity.getMembership(row.app, input.to)
  const targetUser = target && (await ctx.identity.getUser(input.to))
  if (!target?.available || !targetUser?.active) throw notAssignable(input.to)

  const assignee = inst.assignee === input.from ? input.to : inst.assignee
  const nextApproval: ApprovalProgress | null =
    approval && pendingApprover
      ? {
          ...approval,
          approvers: [...new Set(approval.approvers.map((a) => (a === input.from ? input.to : a)))],
        }
      : approval
  await ctx.records.writeInstance({
    recordId: row.id,
    app: inst.app,
    workflow: inst.workflow,
    workflowVersion: inst.workflow_version,
    state: inst.state,
    snapshot: inst.snapshot,
    assignee,
    approval: nextApproval,
    at: ctx.now,
  })
  const keep = state.assigneeField && inst.assignee === input.from ? state.assigneeField : undefined
  const data = keep ? { ...row.data, [keep]: input.to } : row.data
  const version = row.version + 1
  const updated = await ctx.records.update(row.id, {
    ...(keep && form ? { data, search: searchText(form, data) } : {}),
    version,
    at: ctx.now,
  })
  await ctx.records.appendEvent({
    app: row.app,
    recordId: row.id,
    seq: version,
    type: 'assigned',
    actor: actor.userId,
    at: ctx.now,
    from: inst.state,
    to: inst.state,
    diff: keep ? { [keep]: [row.data[keep] ?? null, input.to] } : {},
    meta: {
      via: actor.via ?? null,
      reassigned: { from: input.from, to: input.to, approval: pendingApprover === true },
    },
  })
  ctx.changes.push({
    type: 'updated',
    app: row.app,
    form: row.form,
    recordId: row.id,
    version,
    state: inst.state,
  })
  return {
    row: updated,
    instance: {
      workflow: inst.workflow,
      workflow_version: inst.workflow_version,
      state: inst.state,
      assignee,
      approval: nextApproval,
      needs_migration: inst.needs_migration,
    },
  }
}
