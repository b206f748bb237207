import {
  type ActionDefinition,
  type AssigneeRule,
  evaluate,
  fillMessage,
  isEmptyValue,
} from '@tessera/schemas'
import { DateTime, Duration } from 'luxon'
import { normalizeMatch } from '../store/record-store.js'
import { pickAssignee, resolveRecipients } from './assignee.js'
import type { OpContext } from './engine-context.js'
import { errors } from './engine-errors.js'
import type { Actor } from './engine-types.js'
import type { WorkflowEffect } from '../workflow/compile-workflow.js'
import { addMeta, type WorkingRecord } from './working-record.js'

/** What effects need from the record operations (create-or-link writes other records). */
export interface EffectRunner {
  createLinked(
    ctx: OpContext,
    form: string,
    data: Record<string, unknown>,
    actor: Actor,
  ): Promise<{ id: string }>
  fillLinked(
    ctx: OpContext,
    recordId: string,
    patch: Record<string, unknown>,
    actor: Actor,
    meta: Record<string, unknown>,
  ): Promise<void>
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Applies the effects XState computed, in its order: exit, transition actions, entry. */
export async function applyEffects(
  ctx: OpContext,
  w: WorkingRecord,
  effects: WorkflowEffect[],
  actor: Actor,
  run: EffectRunner,
) {
  for (const effect of effects) {
    if (effect.kind === 'exit') {
      // only a workflow with timers can have armed ones; the others skip the round trip
      if (w.wf?.timers?.length)
        await ctx.work.cancelTimers({ app: ctx.app.key, recordId: w.recordId, state: effect.state })
      w.dueAt = null
      w.approval = null
    } else if (effect.kind === 'enter') await enterState(ctx, w, effect.state)
    else {
      try {
        await applyAction(ctx, w, effect.action, effect.transition, effect.index, actor, run)
      } catch (e) {
        if (e instanceof Error && e.name === 'TesseraError') throw e
        throw errors.actionFailed(effect.transition, effect.index, e instanceof Error ? e.message : String(e))
      }
    }
  }
}

/** Entering a state (again, on a self transition): run its assignee rule, open its approval, arm its timers. */
export async function enterState(ctx: OpContext, w: WorkingRecord, state: string) {
  w.state = state
  const def = w.wf?.states.find((s) => s.key === state)
  if (!def) return
  if (def.approval) {
    const approvers = def.assignee
      ? await resolveRecipients(ctx, def.assignee, w.data, { owner: w.owner, assignee: w.assignee })
      : []
    w.approval = {
      mode: def.approval.mode,
      ...(def.approval.share !== undefined ? { share: def.approval.share } : {}),
      approvers,
      decisions: [],
    }
    w.assignee = approvers.length === 1 ? (approvers[0] ?? null) : null
  } else if (def.assignee) {
    w.assignee = await assignByRule(ctx, w, def.assignee, { state })
  }
  // The definition may keep who was picked in a field of the record (a lead's sales rep), so lists,
  // reports and create-action maps can use it like any other value.
  if (def.assigneeField && def.assignee) {
    if (w.assignee) w.data[def.assigneeField] = w.assignee
    else delete w.data[def.assigneeField]
  }
  for (const timer of w.wf?.timers ?? []) {
    if (timer.state !== state) continue
    // P1D is a calendar day in the app's zone (23 or 25 hours across a DST change), not 24 hours of the host's
    const dueAt = DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone })
      .plus(Duration.fromISO(timer.after))
      .toJSDate()
    if (!w.dueAt || dueAt < w.dueAt) w.dueAt = dueAt
    await ctx.work.armTimer({
      app: ctx.app.key,
      recordId: w.recordId,
      state,
      transition: timer.fire,
      dueAt,
      at: ctx.now,
    })
  }
}

/**
 * Runs an assignee rule from the record's submitter and current assignee. A rule that should have
 * named someone and did not (no department head, a deactivated user) leaves the record unassigned and
 * says why in the event, rather than failing the submit or transition that entered the state.
 */
async function assignByRule(
  ctx: OpContext,
  w: WorkingRecord,
  rule: AssigneeRule,
  where: { state?: string; transition?: string; index?: number },
): Promise<string | null> {
  const picked = await pickAssignee(ctx, rule, w.data, { owner: w.owner, assignee: w.assignee })
  if (picked.reason) addMeta(w, 'unassigned', { ...where, rule, reason: picked.reason })
  return picked.userId
}

async function applyAction(
  ctx: OpContext,
  w: WorkingRecord,
  action: ActionDefinition,
  transition: string,
  index: number,
  actor: Actor,
  run: EffectRunner,
) {
  const ev = (logic: Parameters<typeof evaluate>[0]) =>
    evaluate(logic, w.data, { now: ctx.now, timeZone: ctx.timeZone })
  switch (action.type) {
    case 'set': {
      const value = ev(action.value)
      if (isEmptyValue(value)) delete w.data[action.field]
      else w.data[action.field] = value
      return
    }
    case 'assign':
      w.assignee = await assignByRule(ctx, w, action.to, { transition, index })
      return
    case 'notify': {
      // a robot posts to its group: nobody to look up
      const to =
        action.to && action.channel !== 'robot'
          ? await resolveRecipients(ctx, action.to, w.data, { owner: w.owner, assignee: w.assignee })
          : []
      await ctx.work.enqueue({
        kind: 'notify',
        app: ctx.app.key,
        recordId: w.recordId,
        key: `notify:${w.recordId}:${w.seq}:${index}`,
        payload: {
          app: ctx.app.key,
          form: w.form.key,
          recordId: w.recordId,
          transition,
          to,
          // `{field}` in the message reads the record as the transition left it
          message: fillMessage(action.message, w.form, w.data),
          channel: action.channel ?? 'inapp',
          ...(action.robot ? { robot: action.robot } : {}),
          at: ctx.now.toISOString(),
        },
        at: ctx.now,
      })
      ctx.flags.outbox = true
      addMeta(w, 'notified', { to, index })
      return
    }
    case 'webhook': {
      const body =
        action.body === undefined ? { recordId: w.recordId, transition, data: w.data } : ev(action.body)
      await ctx.work.enqueue({
        kind: 'webhook',
        app: ctx.app.key,
        recordId: w.recordId,
        key: `webhook:${w.recordId}:${w.seq}:${index}`,
        payload: { url: action.url, body, app: ctx.app.key, recordId: w.recordId, transition },
        at: ctx.now,
      })
      ctx.flags.outbox = true
      return
    }
    case 'create':
      await createOrLink(ctx, w, action, actor, run)
      return
  }
}

/**
 * Creates a linked record, or, with `match`, links an existing one whose normalized value is the same
 * (case, spacing, apostrophes). A matched record only gets its empty fields filled; a differing value
 * is kept and listed as a conflict, never overwritten (C11).
 */
async function createOrLink(
  ctx: OpContext,
  w: WorkingRecord,
  action: Extract<ActionDefinition, { type: 'create' }>,
  actor: Actor,
  run: EffectRunner,
) {
  const mapped: Record<string, unknown> = {}
  for (const [field, expr] of Object.entries(action.map)) {
    const v = evaluate(expr, w.data, { now: ctx.now, timeZone: ctx.timeZone })
    if (!isEmptyValue(v)) mapped[field] = v
  }
  if (action.backLink) mapped[action.backLink] = w.recordId
  let existing: { id: string; data: Record<string, unknown> } | undefined
  for (const field of action.match ?? []) {
    const v = mapped[field]
    if (typeof v !== 'string' || v.trim() === '') continue
    const row = await ctx.records.findByNormalizedField(ctx.app.key, action.form, field, normalizeMatch(v))
    if (row) {
      existing = { id: row.id, data: row.data }
      break
    }
  }
  let linkedId: string
  if (existing) {
    const patch: Record<string, unknown> = {}
    const conflicts: { field: string; kept: unknown; offered: unknown }[] = []
    for (const [field, v] of Object.entries(mapped)) {
      const current = existing.data[field]
      if (isEmptyValue(current)) patch[field] = v
      else if (!same(current, v)) conflicts.push({ field, kept: current, offered: v })
    }
    if (Object.keys(patch).length > 0)
      await run.fillLinked(ctx, existing.id, patch, actor, { from: w.recordId, conflicts })
    linkedId = existing.id
    addMeta(w, 'linked', { form: action.form, id: existing.id, filled: Object.keys(patch), conflicts })
  } else {
    linkedId = (await run.createLinked(ctx, action.form, mapped, actor)).id
    addMeta(w, 'created', { form: action.form, id: linkedId })
  }
  if (action.link) w.data[action.link] = linkedId
}
