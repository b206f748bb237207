import {
  type AppDefinition,
  type AssigneeRule,
  type AutomationAction,
  evaluate,
  fillMessage,
  isEmptyValue,
  type JsonLogic,
} from '@tessera/schemas'
import type { Actor, Engine } from '../engine/engine-types.js'
import { TesseraError } from '../errors.js'
import type { Store } from '../store/dialect.js'
import { createIdentityStore } from '../store/identity-store.js'
import { createDepartmentStore } from '../store/department-store.js'
import { orgChart } from '../org/org-chart.js'
import { createWorkStore } from '../store/work-store.js'
import type { AutomationStore } from './automation-store.js'
import { holds, recordScope } from './automation-trigger.js'
import { computeSummary, summaryLines } from './summary-figures.js'

/** What the actions of one run work with. */
export interface ActionContext {
  store: Store
  automations: AutomationStore
  engine: Engine
  app: AppDefinition
  automation: string
  runId: string
  /** bumps on replay, so a replayed run's messages are new messages */
  generation: number
  actor: Actor
  now: Date
  timeZone: string
  /** the triggering record, when there is one */
  recordId: string | null
  /** the webhook body, or {} */
  input: Record<string, unknown>
}

/** One action worked out: what it would do (a dry run shows this), and doing it. */
export interface PlannedAction {
  plan: Record<string, unknown>
  apply(): Promise<Record<string, unknown>>
}

const UPDATE_LIMIT = 5000

function fail(en: string, zh: string, details: Record<string, unknown> = {}): never {
  throw new TesseraError('INVALID', { 'zh-CN': zh, en }, details)
}

async function subject(ctx: ActionContext) {
  if (!ctx.recordId) return undefined
  const row = await ctx.automations.record(ctx.recordId)
  if (!row || row.deleted_at) fail(`record ${ctx.recordId} no longer exists`, `记录 ${ctx.recordId} 已不存在`)
  const state = await ctx.automations.stateOf(row.id)
  return { row, scope: recordScope(row, state) }
}

/** The data expressions read: the record's fields and system columns, or a webhook's body. */
async function scopeOf(ctx: ActionContext): Promise<Record<string, unknown>> {
  return (await subject(ctx))?.scope ?? ctx.input
}

const ev = (ctx: ActionContext, logic: JsonLogic, data: Record<string, unknown>) =>
  evaluate(logic, data, { now: ctx.now, timeZone: ctx.timeZone })

function emptyToNull(patch: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, isEmptyValue(v) ? null : v]))
}

async function recipients(
  ctx: ActionContext,
  rule: AssigneeRule,
  data: Record<string, unknown>,
): Promise<string[]> {
  if ('user' in rule) return [rule.user]
  if ('field' in rule) {
    const v = data[rule.field]
    return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string')
  }
  const members = await createIdentityStore(ctx.store.db).listMembers(ctx.app.key)
  if ('department' in rule) {
    const people = new Set(
      orgChart(await createDepartmentStore(ctx.store.db).chart()).peopleUnder(rule.department),
    )
    return members.filter((m) => m.user.active && people.has(m.userId)).map((m) => m.userId)
  }
  // a department head or manager is relative to a record's people, which an automation's notify has not
  if (!('role' in rule) && !('roundRobin' in rule)) return []
  const role = 'role' in rule ? rule.role : rule.roundRobin.role
  return members.filter((m) => m.user.active && m.roles.includes(role)).map((m) => m.userId)
}

/** Re-reads a record's version right before writing it: earlier steps may have moved it. */
async function versionOf(ctx: ActionContext, id: string): Promise<number> {
  const row = await ctx.automations.record(id)
  if (!row || row.deleted_at) fail(`record ${id} no longer exists`, `记录 ${id} 已不存在`, { recordId: id })
  return row.version
}

export async function planAction(
  ctx: ActionContext,
  action: AutomationAction,
  index: number,
): Promise<PlannedAction> {
  const key = `automation:${ctx.runId}:${ctx.generation}:${index}`
  switch (action.type) {
    case 'set': {
      const s = await subject(ctx)
      if (!s) fail("a 'set' action needs a triggering record", "'set' 动作需要触发记录")
      const value = ev(ctx, action.value, s.scope)
      return {
        plan: { type: 'set', recordId: s.row.id, field: action.field, value },
        apply: async () => {
          const r = await ctx.engine.update(
            s.row.id,
            emptyToNull({ [action.field]: value }),
            ctx.actor,
            await versionOf(ctx, s.row.id),
          )
          return { recordId: r.id, version: r.version }
        },
      }
    }
    case 'notify': {
      const s = await subject(ctx)
      const data = s?.scope ?? ctx.input
      const channel = action.channel ?? 'inapp'
      // `{field}` in the message reads the record the automation works on
      const message = fillMessage(
        action.message,
        ctx.app.forms.find((f) => f.key === s?.row.form),
        data,
      )
      // a robot posts to its group: nobody to look up
      const to = action.to && channel !== 'robot' ? await recipients(ctx, action.to, data) : []
      const summary = action.summary
        ? await computeSummary(ctx.store.db, ctx.app, action.summary, ctx.now, ctx.timeZone)
        : undefined
      const payload = {
        app: ctx.app.key,
        automation: ctx.automation,
        runId: ctx.runId,
        recordId: ctx.recordId,
        ...(s ? { form: s.row.form } : {}),
        to,
        message,
        channel,
        ...(action.robot ? { robot: action.robot } : {}),
        ...(summary
          ? { summary, lines: { en: summaryLines(summary, 'en'), 'zh-CN': summaryLines(summary, 'zh-CN') } }
          : {}),
        at: ctx.now.toISOString(),
      }
      return {
        plan: {
          type: 'notify',
          channel,
          ...(action.robot ? { robot: action.robot } : {}),
          to,
          message,
          ...(summary ? { summary } : {}),
        },
        apply: async () => {
          await createWorkStore(ctx.store.db).enqueue({
            kind: 'notify',
            app: ctx.app.key,
            recordId: ctx.recordId,
            payload,
            key,
            at: ctx.now,
          })
          return { outbox: key, to }
        },
      }
    }
    case 'webhook': {
      const data = await scopeOf(ctx)
      const body =
        action.body === undefined
          ? { automation: ctx.automation, recordId: ctx.recordId, data }
          : ev(ctx, action.body, data)
      return {
        plan: { type: 'webhook', url: action.url, body },
        apply: async () => {
          await createWorkStore(ctx.store.db).enqueue({
            kind: 'webhook',
            app: ctx.app.key,
            recordId: ctx.recordId,
            payload: {
              url: action.url,
              body,
              app: ctx.app.key,
              automation: ctx.automation,
              recordId: ctx.recordId,
            },
            key,
            at: ctx.now,
          })
          return { outbox: key }
        },
      }
    }
    case 'create': {
      const s = await subject(ctx)
      const data = s?.scope ?? ctx.input
      const mapped: Record<string, unknown> = {}
      for (const [field, expr] of Object.entries(action.map)) {
        const v = ev(ctx, expr, data)
        if (!isEmptyValue(v)) mapped[field] = v
      }
      if (action.backLink && s) mapped[action.backLink] = s.row.id
      return {
        plan: {
          type: 'create',
          form: action.form,
          data: mapped,
          ...(action.link ? { link: action.link } : {}),
        },
        apply: async () => {
          const created = await ctx.engine.submit(ctx.app.key, action.form, mapped, ctx.actor)
          if (action.link && s)
            await ctx.engine.update(
              s.row.id,
              { [action.link]: created.id },
              ctx.actor,
              await versionOf(ctx, s.row.id),
            )
          return { created: created.id, form: action.form }
        },
      }
    }
    case 'update': {
      const rows = await ctx.automations.db
        .selectFrom('record')
        .leftJoin('workflow_instance', 'workflow_instance.record_id', 'record.id')
        .selectAll('record')
        .select('workflow_instance.state')
        .where('record.app', '=', ctx.app.key)
        .where('record.form', '=', action.form)
        .where('record.deleted_at', 'is', null)
        .where('record.is_draft', '=', false)
        .orderBy('record.created_at')
        .limit(UPDATE_LIMIT + 1)
        .execute()
      if (rows.length > UPDATE_LIMIT)
        fail(
          `an update action may change at most ${UPDATE_LIMIT} records of '${action.form}'`,
          `update 动作最多修改表单 '${action.form}' 的 ${UPDATE_LIMIT} 条记录`,
        )
      const changes: { id: string; set: Record<string, unknown> }[] = []
      for (const r of rows) {
        const scope = recordScope(r, r.state)
        if (!holds(action.where, scope, ctx.now, ctx.timeZone)) continue
        const set: Record<string, unknown> = {}
        for (const [field, expr] of Object.entries(action.set)) set[field] = ev(ctx, expr, scope)
        // an unchanged value is no change: the engine writes no event, nothing re-triggers
        if (
          Object.entries(set).some(
            ([f, v]) => JSON.stringify(r.data[f] ?? null) !== JSON.stringify(isEmptyValue(v) ? null : v),
          )
        )
          changes.push({ id: r.id, set })
      }
      return {
        plan: { type: 'update', form: action.form, matched: changes.length, records: changes.slice(0, 50) },
        apply: async () => {
          const updated: string[] = []
          for (const c of changes) {
            await ctx.engine.update(c.id, emptyToNull(c.set), ctx.actor, await versionOf(ctx, c.id))
            updated.push(c.id)
          }
          return { updated: updated.length, ids: updated.slice(0, 200) }
        },
      }
    }
    case 'transition': {
      const s = await subject(ctx)
      if (!s) fail("a 'transition' action needs a triggering record", "'transition' 动作需要触发记录")
      const target = action.record === undefined ? s.row.id : ev(ctx, action.record, s.scope)
      if (typeof target !== 'string' || target === '')
        fail(
          `the record to transition is empty (${JSON.stringify(action.record)})`,
          `要执行转换的记录为空（${JSON.stringify(action.record)}）`,
        )
      return {
        plan: { type: 'transition', recordId: target, transition: action.transition },
        apply: async () => {
          const r = await ctx.engine.transition(
            target,
            action.transition,
            {},
            ctx.actor,
            await versionOf(ctx, target),
          )
          return { recordId: r.id, state: r.state, version: r.version }
        },
      }
    }
  }
}
