import { randomUUID } from 'node:crypto'
import {
  evaluate,
  type FormDefinition,
  isTruthy,
  type StateDefinition,
  type WorkflowDefinition,
} from '@tessera/schemas'
import type { InstanceRow, RecordRow } from '../store/database.js'
import { normalizeMatch } from '../store/record-store.js'
import {
  type PersistedWorkflow,
  persistWorkflow,
  restoreWorkflow,
  startWorkflow,
  stepWorkflow,
  type WorkflowEffect,
} from '../workflow/compile-workflow.js'
import {
  type ActorInApp,
  fieldAccess,
  inScope,
  mayCreate,
  mayFire,
  mayImport,
  mayMoveRecord,
  rowScopes,
  type ScopeSubject,
} from './access.js'
import type { LoadedApp } from './app-registry.js'
import { appTimeZone } from './app-time-zone.js'
import { applyEffects, type EffectRunner } from './effects.js'
import { actorInApp, type OpContext } from './engine-context.js'
import { errors, problem } from './engine-errors.js'
import { fillFromRelations } from './fill-linked.js'
import type { Actor, SubmitOptions } from './engine-types.js'
import { assignSerials, checkRefs, diffData, searchText, syncUnique } from './record-checks.js'
import type { ApprovalProgress, WorkingRecord } from './working-record.js'

/** An instance as the answer to a write needs it. */
export type InstanceView = Pick<
  InstanceRow,
  'workflow' | 'workflow_version' | 'state' | 'assignee' | 'approval' | 'needs_migration'
>

/** What a write leaves behind, so the answer needs no second read. `dueAt` undefined: ask the store. */
export interface Written {
  row: RecordRow
  instance: InstanceView | null
  dueAt?: Date | null
  /** for imports: whether the external key made a new record, changed one, or found it as it was */
  outcome?: 'created' | 'updated' | 'unchanged'
}

export interface RecordOps extends EffectRunner {
  create(
    ctx: OpContext,
    form: string,
    input: unknown,
    actor: Actor,
    options?: SubmitOptions & { trusted?: boolean; id?: string },
  ): Promise<Written>
  update(
    ctx: OpContext,
    recordId: string,
    input: unknown,
    actor: Actor,
    expectedVersion?: number,
  ): Promise<Written>
  transition(
    ctx: OpContext,
    recordId: string,
    key: string,
    payload: unknown,
    actor: Actor,
    expectedVersion?: number,
  ): Promise<Written>
  decide(
    ctx: OpContext,
    recordId: string,
    decision: 'approve' | 'reject',
    comment: string | undefined,
    actor: Actor,
    expectedVersion: number,
  ): Promise<Written>
}

const WRITABLE = new Set(['edit', 'required'])

const requiredIn = (
  form: FormDefinition,
  wf: WorkflowDefinition | undefined,
  state: StateDefinition | undefined,
  who: ActorInApp,
) => form.fields.filter((f) => fieldAccess(f, wf, state, who) === 'required').map((f) => f.key)

/** The record operations, each inside the caller's transaction. `loadApp` gives the version a record lives in. */
export function createRecordOps(
  loadApp: (ctx: OpContext, app: string, version: number) => Promise<LoadedApp>,
  engineTimeZone = 'UTC',
): RecordOps {
  const withApp = (ctx: OpContext, app: LoadedApp): OpContext => {
    // the sub-context shares the flags of the outer operation
    const sub = Object.create(ctx) as OpContext
    sub.app = app
    // today, now and calendar durations are the app's, whatever zone the operation began in
    sub.timeZone = appTimeZone(app, engineTimeZone)
    return sub
  }

  async function writeInstance(
    ctx: OpContext,
    w: WorkingRecord,
    persisted: PersistedWorkflow,
    version: number,
  ) {
    if (!w.wf || !w.state) return
    await ctx.records.writeInstance({
      recordId: w.recordId,
      app: ctx.app.key,
      workflow: w.wf.key,
      workflowVersion: version,
      state: w.state,
      snapshot: persisted,
      assignee: w.assignee,
      approval: w.approval,
      at: ctx.now,
    })
  }

  /** Re-prepares data changed by actions, so formulas see the final values and nothing invalid is stored. */
  function finalize(ctx: OpContext, form: string, data: Record<string, unknown>, transition: string) {
    const prepared = ctx.app
      .compiledForm(form)
      .prepare(
        {},
        { mode: 'update', existing: data, writable: () => false, now: ctx.now, timeZone: ctx.timeZone },
      )
    if (!prepared.ok)
      throw errors.invalid(
        prepared.errors,
        `the actions of ${transition} produced invalid data`,
        `操作 ${transition} 的动作产生了无效数据`,
      )
    return prepared
  }

  const ops: RecordOps = {
    async create(ctx, formKey, input, actor, options = {}) {
      const form = ctx.app.form(formKey)
      if (!form) throw errors.formNotFound(ctx.app.key, formKey)
      const importing = options.importState !== undefined || options.externalKey !== undefined
      const who = await actorInApp(ctx, ctx.app, actor)
      if (!options.trusted) {
        if (importing ? !mayImport(form, who) : !mayCreate(form, who))
          throw errors.forbidden(
            `you may not ${importing ? 'import into' : 'create'} ${formKey}`,
            `你无权${importing ? '导入' : '创建'} ${formKey}`,
            { form: formKey },
          )
      }
      if (options.externalKey !== undefined) {
        const existing = await ctx.records.findByExternalKey(ctx.app.key, formKey, options.externalKey)
        if (existing) return importUpdate(ctx, existing, input, actor, options)
      }
      const draft = options.draft === true
      const wf = draft ? undefined : ctx.app.workflowFor(formKey)
      const startState = wf ? (options.importState ?? wf.initial) : undefined
      const state = wf?.states.find((s) => s.key === startState)
      if (wf && !state)
        throw errors.invalid([
          problem(
            '/state',
            'unknown_state',
            `the workflow has no state ${startState}`,
            `流程中没有状态 ${startState}`,
          ),
        ])
      const free = options.trusted || importing
      const writable = free
        ? () => true
        : (key: string) => WRITABLE.has(fieldAccessOf(form, key, wf, state, who))
      // history brought in by an import is stored as it was: no data linkage fills it, unless asked
      const filled =
        importing && !options.fill ? input : await fillFromRelations(ctx, form, input, undefined, writable)
      const prepared = ctx.app.compiledForm(formKey).prepare(filled, {
        mode: draft ? 'draft' : 'create',
        writable,
        required: draft ? [] : requiredIn(form, wf, state, who),
        now: ctx.now,
        timeZone: ctx.timeZone,
      })
      if (!prepared.ok) throw errors.invalid(prepared.errors)
      const data = prepared.data
      await checkRefs(ctx, prepared.refs, actor.userId)
      if (!draft) await assignSerials(ctx, form, prepared.refs.serials, data)

      const rule = ctx.app.definition.duplicates?.find((d) => d.form === formKey)
      const dupValue =
        rule && typeof data[rule.field] === 'string' ? normalizeMatch(data[rule.field] as string) : undefined
      const dupKey = rule ? `~duplicate:${rule.field}` : ''
      if (rule?.action === 'attach' && dupValue && !draft) {
        const holder = await ctx.counters.holder(ctx.app.key, formKey, dupKey, dupValue)
        if (holder) return attach(ctx, holder, data, actor)
      }

      const id = options.id ?? randomUUID()
      let row = await ctx.records.insert({
        id,
        app: ctx.app.key,
        form: formKey,
        formVersion: ctx.app.version,
        owner: actor.userId,
        data,
        search: searchText(form, data),
        externalKey: options.externalKey ?? null,
        draft,
        at: ctx.now,
      })
      if (!draft) await syncUnique(ctx, form, id, prepared.refs.unique, true)
      let duplicateOf: string | null = null
      if (
        rule &&
        dupValue &&
        !draft &&
        !(await ctx.counters.claimUnique(ctx.app.key, formKey, dupKey, dupValue, id))
      ) {
        // the unique key on normalized values decides, so two racing submits cannot both be "first" (C9)
        duplicateOf = (await ctx.counters.holder(ctx.app.key, formKey, dupKey, dupValue)) ?? null
        if (duplicateOf) await ctx.records.setDuplicateOf(id, duplicateOf)
      }

      const w: WorkingRecord = {
        recordId: id,
        form,
        data,
        owner: actor.userId,
        wf,
        state: null,
        assignee: null,
        approval: null,
        seq: 1,
        meta: {},
      }
      if (wf && startState) {
        const machine = ctx.app.machine(wf.key)
        let snapshot: ReturnType<typeof startWorkflow>['snapshot']
        let effects: WorkflowEffect[]
        if (options.importState !== undefined) {
          snapshot = machine.resolveState({ value: startState, context: {} })
          effects = [{ kind: 'enter', state: startState }]
        } else ({ snapshot, effects } = startWorkflow(machine))
        await applyEffects(ctx, w, effects, actor, ops)
        await writeInstance(ctx, w, persistWorkflow(machine, snapshot, wf, ctx.app.version), ctx.app.version)
        // the first state may keep its assignee in a field: the row was inserted before anyone was picked
        const kept = wf.states.find((s) => s.key === w.state)?.assigneeField
        if (kept && row.data[kept] !== w.data[kept])
          row = await ctx.records.update(id, {
            data: w.data,
            search: searchText(form, w.data),
            version: 1,
            at: ctx.now,
          })
      }
      const type = importing ? 'imported' : 'created'
      await ctx.records.appendEvent({
        app: ctx.app.key,
        recordId: id,
        seq: 1,
        type,
        actor: actor.userId,
        at: ctx.now,
        to: w.state,
        diff: diffData({}, data),
        meta: {
          via: actor.via ?? null,
          ...(draft ? { draft: true } : {}),
          ...(duplicateOf ? { duplicateOf } : {}),
          ...w.meta,
        },
      })
      ctx.changes.push({
        type,
        app: ctx.app.key,
        form: formKey,
        recordId: row.id,
        version: 1,
        state: w.state,
      })
      return {
        outcome: 'created',
        row: { ...row, duplicate_of: duplicateOf },
        instance: wf && w.state ? instanceView(wf.key, ctx.app.version, w) : null,
        dueAt: w.dueAt ?? null,
      }
    },

    async update(ctx, recordId, input, actor, expectedVersion) {
      const { row, instance: inst } = await lockOrThrow(ctx, recordId)
      const app = await loadApp(ctx, row.app, inst?.workflow_version ?? row.form_version)
      const sub = withApp(ctx, app)
      const form = app.form(row.form)
      if (!form) throw errors.formNotFound(row.app, row.form)
      const who = await actorInApp(sub, app, actor)
      // a record this person may not read answers as GET does, before anything tells it exists
      mustSee(form, who, actor, row, inst, ctx.now)
      if (!inScope(rowScopes(form, who, 'edit'), subjectOf(row, inst), who, ctx.now))
        throw errors.forbidden('you may not edit this record', '你无权编辑此记录', { recordId })
      if (expectedVersion !== undefined && row.version !== expectedVersion)
        throw errors.conflict(expectedVersion, row.version)
      const wf = inst ? app.definition.workflows?.find((x) => x.key === inst.workflow) : undefined
      const state = wf?.states.find((s) => s.key === inst?.state)
      const writable = (key: string) => WRITABLE.has(fieldAccessOf(form, key, wf, state, who))
      const filled = await fillFromRelations(sub, form, input, row.data, writable)
      const prepared = app.compiledForm(row.form).prepare(filled, {
        mode: row.is_draft ? 'draft' : 'update',
        existing: row.data,
        writable,
        required: row.is_draft ? [] : requiredIn(form, wf, state, who),
        now: ctx.now,
        timeZone: sub.timeZone,
      })
      if (!prepared.ok) throw errors.invalid(prepared.errors)
      await checkRefs(sub, prepared.refs, actor.userId)
      const diff = diffData(row.data, prepared.data)
      if (Object.keys(diff).length === 0) return { row, instance: inst ?? null }
      if (!row.is_draft) await syncUnique(sub, form, recordId, prepared.refs.unique)
      return writeUpdate(sub, row, inst, prepared.data, actor, 'updated', {})
    },

    async transition(ctx, recordId, key, payload, actor, expectedVersion) {
      const { row, instance: inst } = await lockOrThrow(ctx, recordId)
      const app = await loadApp(ctx, row.app, inst?.workflow_version ?? row.form_version)
      const sub = withApp(ctx, app)
      const form = app.form(row.form)
      if (!form) throw errors.formNotFound(row.app, row.form)
      const who = await actorInApp(sub, app, actor)
      // a record this person may not read answers as GET does, before anything tells it exists
      mustSee(form, who, actor, row, inst, ctx.now)
      const wf = inst ? app.definition.workflows?.find((x) => x.key === inst.workflow) : undefined
      const t = wf?.transitions.find((x) => x.key === key)
      // a transition writes the record: outside the edit scope it is refused before its version or state says anything
      if (!mayMoveRecord(t, inScope(rowScopes(form, who, 'edit'), subjectOf(row, inst), who, ctx.now)))
        throw errors.forbidden('you may not edit this record', '你无权编辑此记录', { recordId })
      if (expectedVersion !== undefined && row.version !== expectedVersion)
        throw errors.conflict(expectedVersion, row.version)
      if (!inst) throw errors.notOpen(key, null)
      if (inst.needs_migration) throw errors.needsMigration(inst.state, inst.workflow, inst.workflow_version)
      if (!wf) throw errors.formNotFound(row.app, row.form)
      if (!t) throw errors.transitionNotFound(key)
      if (!t.from.includes(inst.state)) throw errors.notOpen(key, inst.state)
      const approval = inst.approval as ApprovalProgress | null
      if (!mayFire(t, who, approval ? approval.approvers : [inst.assignee])) {
        const why =
          t.roles.length === 0
            ? 'only the system may fire it'
            : t.assigneeOnly
              ? 'only the assignee may fire it'
              : `it needs one of the roles ${t.roles.join(', ')}`
        const zh =
          t.roles.length === 0
            ? '只有系统可以执行'
            : t.assigneeOnly
              ? '只有负责人可以执行'
              : `需要角色 ${t.roles.join('、')}`
        throw errors.forbidden(`you may not fire ${key}: ${why}`, `你不能执行 ${key}：${zh}`, {
          transition: key,
          roles: t.roles,
        })
      }
      const state = wf.states.find((s) => s.key === inst.state)
      const requires = t.requires ?? []
      const prepared = app.compiledForm(row.form).prepare(payload ?? {}, {
        mode: 'update',
        existing: row.data,
        // a transition's own requires are editable in its payload whatever the state allows
        writable: (k) => requires.includes(k) || WRITABLE.has(fieldAccessOf(form, k, wf, state, who)),
        required: requires,
        now: ctx.now,
        timeZone: sub.timeZone,
      })
      if (!prepared.ok) throw errors.invalid(prepared.errors)
      if (
        t.guard !== undefined &&
        !isTruthy(evaluate(t.guard, prepared.data, { now: ctx.now, timeZone: sub.timeZone }))
      )
        throw errors.guardFailed(key, t.label, t.guardMessage)
      await checkRefs(sub, prepared.refs, actor.userId)
      const machine = app.machine(wf.key)
      const restored = restoreWorkflow(machine, wf, inst.snapshot as PersistedWorkflow, inst.state)
      if (!restored.ok)
        throw errors.snapshotMissing(restored.missing, wf.key, inst.workflow_version, app.version)
      const step = stepWorkflow(machine, restored.snapshot, {
        type: key,
        data: prepared.data,
        now: ctx.now,
        timeZone: sub.timeZone,
      })
      if (!step.changed) throw errors.guardFailed(key, t.label, t.guardMessage)
      const w: WorkingRecord = {
        recordId,
        form,
        data: { ...prepared.data },
        owner: row.owner,
        wf,
        state: inst.state,
        assignee: inst.assignee,
        approval,
        // every version bump writes one event, so the next seq is the next version (the unique key guards it)
        seq: row.version + 1,
        meta: {},
      }
      await applyEffects(sub, w, step.effects, actor, ops)
      // the payload's data is prepared already; only data the effects changed is prepared again
      let unique = prepared.refs.unique
      if (!sameFields(w.data, prepared.data)) {
        const final = finalize(sub, row.form, w.data, key)
        w.data = final.data
        unique = final.refs.unique
      }
      await syncUnique(sub, form, recordId, unique)
      await writeInstance(
        sub,
        w,
        persistWorkflow(machine, step.snapshot, wf, inst.workflow_version),
        inst.workflow_version,
      )
      return writeUpdate(
        sub,
        row,
        instanceView(inst.workflow, inst.workflow_version, w),
        w.data,
        actor,
        'transition',
        w.meta,
        {
          transition: key,
          from: inst.state,
          to: w.state,
          seq: w.seq,
        },
        w.dueAt,
      )
    },

    async decide(ctx, recordId, decision, comment, actor, expectedVersion) {
      const { row, instance: inst } = await lockOrThrow(ctx, recordId)
      const app = await loadApp(ctx, row.app, inst?.workflow_version ?? row.form_version)
      const sub = withApp(ctx, app)
      const form = app.form(row.form)
      if (!form) throw errors.formNotFound(row.app, row.form)
      mustSee(form, await actorInApp(sub, app, actor), actor, row, inst, ctx.now)
      if (row.version !== expectedVersion) throw errors.conflict(expectedVersion, row.version)
      const approval = inst?.approval as ApprovalProgress | null | undefined
      if (!inst || !approval) throw errors.notOpen(decision, inst?.state ?? null)
      const wf = app.definition.workflows?.find((x) => x.key === inst.workflow)
      const rule = wf?.states.find((s) => s.key === inst.state)?.approval
      if (!wf || !rule) throw errors.notOpen(decision, inst.state)
      if (!actor.userId || !approval.approvers.includes(actor.userId))
        throw errors.forbidden('you are not asked to decide on this record', '此记录不需要你审批', {
          recordId,
        })
      if (approval.decisions.some((d) => d.userId === actor.userId)) throw errors.alreadyDecided()
      const next: ApprovalProgress = {
        ...approval,
        decisions: [
          ...approval.decisions,
          { userId: actor.userId, decision, ...(comment ? { comment } : {}), at: ctx.now.toISOString() },
        ],
      }
      await ctx.records.writeInstance({
        recordId,
        app: inst.app,
        workflow: inst.workflow,
        workflowVersion: inst.workflow_version,
        state: inst.state,
        snapshot: inst.snapshot,
        assignee: inst.assignee,
        approval: next,
        at: ctx.now,
      })
      const seq = row.version + 1
      const updated = await ctx.records.update(recordId, {
        version: row.version + 1,
        at: ctx.now,
      })
      await ctx.records.appendEvent({
        app: row.app,
        recordId,
        seq,
        type: 'decision',
        actor: actor.userId,
        at: ctx.now,
        from: inst.state,
        to: inst.state,
        diff: {},
        meta: { decision, ...(comment ? { comment } : {}) },
      })
      ctx.changes.push({
        type: 'decision',
        app: row.app,
        form: row.form,
        recordId,
        version: row.version + 1,
        state: inst.state,
      })
      const outcome = approvalOutcome(next)
      const fire =
        outcome === 'approved'
          ? (rule.approve ?? 'approve')
          : outcome === 'rejected'
            ? (rule.reject ?? 'reject')
            : undefined
      if (fire && wf.transitions.some((t) => t.key === fire && t.from.includes(inst.state)))
        return ops.transition(
          sub,
          recordId,
          fire,
          {},
          { userId: actor.userId, isAdmin: false, system: true, via: 'approval' },
          row.version + 1,
        )
      return { row: updated, instance: { ...inst, approval: next } }
    },

    async createLinked(ctx, form, data, actor) {
      const written = await ops.create(ctx, form, data, actor, { trusted: true })
      return { id: written.row.id }
    },

    async fillLinked(ctx, recordId, patch, actor, meta) {
      const { row, instance: inst } = await lockOrThrow(ctx, recordId)
      const app = await loadApp(ctx, row.app, inst?.workflow_version ?? row.form_version)
      const sub = withApp(ctx, app)
      const form = app.form(row.form)
      if (!form) throw errors.formNotFound(row.app, row.form)
      const prepared = app.compiledForm(row.form).prepare(patch, {
        mode: 'update',
        existing: row.data,
        writable: () => true,
        now: ctx.now,
        timeZone: sub.timeZone,
      })
      if (!prepared.ok) throw errors.invalid(prepared.errors)
      await checkRefs(sub, prepared.refs, null)
      await syncUnique(sub, form, recordId, prepared.refs.unique)
      await writeUpdate(sub, row, inst, prepared.data, actor, 'updated', meta)
    },
  }

  /** A second import with the same external key updates the record (and may move it to another state). */
  async function importUpdate(
    ctx: OpContext,
    row: RecordRow,
    input: unknown,
    actor: Actor,
    options: SubmitOptions,
  ): Promise<Written> {
    const inst = await ctx.records.instance(row.id)
    const form = ctx.app.form(row.form) as FormDefinition
    const prepared = ctx.app.compiledForm(row.form).prepare(input, {
      mode: 'update',
      existing: row.data,
      writable: () => true,
      now: ctx.now,
      timeZone: ctx.timeZone,
    })
    if (!prepared.ok) throw errors.invalid(prepared.errors)
    await checkRefs(ctx, prepared.refs, actor.userId)
    await syncUnique(ctx, form, row.id, prepared.refs.unique)
    let nextInst = inst
    const wf = inst ? ctx.app.definition.workflows?.find((x) => x.key === inst.workflow) : undefined
    if (inst && wf && options.importState && options.importState !== inst.state) {
      if (!wf.states.some((s) => s.key === options.importState))
        throw errors.invalid([
          problem(
            '/state',
            'unknown_state',
            `the workflow has no state ${options.importState}`,
            `流程中没有状态 ${options.importState}`,
          ),
        ])
      const machine = ctx.app.machine(wf.key)
      const w: WorkingRecord = {
        recordId: row.id,
        form,
        data: prepared.data,
        owner: row.owner,
        wf,
        state: inst.state,
        assignee: inst.assignee,
        approval: null,
        seq: 0,
        meta: {},
      }
      await applyEffects(
        ctx,
        w,
        [
          { kind: 'exit', state: inst.state },
          { kind: 'enter', state: options.importState },
        ],
        actor,
        ops,
      )
      const snapshot = machine.resolveState({ value: options.importState, context: {} })
      await writeInstance(ctx, w, persistWorkflow(machine, snapshot, wf, ctx.app.version), ctx.app.version)
      nextInst = { ...inst, state: options.importState, assignee: w.assignee, approval: w.approval }
    }
    // a re-import that changes nothing writes nothing: no version, no event
    if (nextInst === inst && Object.keys(diffData(row.data, prepared.data)).length === 0)
      return { row, instance: inst ?? null, outcome: 'unchanged' }
    const written = await writeUpdate(
      ctx,
      row,
      nextInst,
      prepared.data,
      actor,
      'imported',
      { externalKey: options.externalKey },
      {
        from: inst?.state ?? null,
        to: nextInst?.state ?? null,
      },
    )
    return { ...written, outcome: 'updated' }
  }

  /** `attach` duplicate rule: the submission becomes an event on the record it duplicates. */
  async function attach(ctx: OpContext, holderId: string, data: Record<string, unknown>, actor: Actor) {
    const { row, instance: inst } = await lockOrThrow(ctx, holderId)
    return writeUpdate(ctx, row, inst, row.data, actor, 'comment', { attached: data })
  }

  async function writeUpdate(
    ctx: OpContext,
    row: RecordRow,
    inst: InstanceView | undefined | null,
    data: Record<string, unknown>,
    actor: Actor,
    type: 'updated' | 'transition' | 'imported' | 'comment',
    meta: Record<string, unknown>,
    step: { transition?: string; from?: string | null; to?: string | null; seq?: number } = {},
    dueAt?: Date | null,
  ): Promise<Written> {
    const form = ctx.app.form(row.form) as FormDefinition
    const version = row.version + 1
    const diff = diffData(row.data, data)
    // an unchanged record only moves its version: no jsonb or trigram index churn
    const changed = Object.keys(diff).length > 0
    const updated = await ctx.records.update(row.id, {
      ...(changed ? { data, search: searchText(form, data) } : {}),
      version,
      at: ctx.now,
    })
    const seq = step.seq ?? version
    await ctx.records.appendEvent({
      app: row.app,
      recordId: row.id,
      seq,
      type,
      actor: actor.userId,
      at: ctx.now,
      transition: step.transition ?? null,
      from: step.from ?? inst?.state ?? null,
      to: step.to ?? inst?.state ?? null,
      diff,
      meta: { via: actor.via ?? null, ...meta },
    })
    ctx.changes.push({
      type: type === 'comment' ? 'updated' : type,
      app: row.app,
      form: row.form,
      recordId: row.id,
      version,
      state: step.to ?? inst?.state ?? null,
    })
    return { row: updated, instance: inst ?? null, ...(dueAt !== undefined ? { dueAt } : {}) }
  }

  return ops
}

/** Locks a record and reads its instance in one round trip; a missing record is NOT_FOUND. */
async function lockOrThrow(ctx: OpContext, recordId: string) {
  const found = await ctx.records.lockWithInstance(recordId)
  if (!found) throw errors.recordNotFound(recordId)
  return found
}

/**
 * NOT_FOUND, as GET answers, for a record outside the person's read scope: a write must not tell
 * them it exists (a 403 or a 409 with its version would). The system sees every record.
 */
export function mustSee(
  form: FormDefinition,
  who: ActorInApp,
  actor: Actor,
  row: RecordRow,
  inst: InstanceRow | null | undefined,
  now: Date,
) {
  if (actor.system) return
  if (!inScope(rowScopes(form, who, 'read'), subjectOf(row, inst), who, now))
    throw errors.recordNotFound(row.id)
}

/** A record and its instance as the row scopes see them. */
export const subjectOf = (
  row: Pick<RecordRow, 'owner' | 'data'>,
  inst: Pick<InstanceRow, 'assignee' | 'state'> | null | undefined,
): ScopeSubject => ({
  owner: row.owner,
  assignee: inst?.assignee ?? null,
  data: row.data,
  state: inst?.state ?? null,
})

function instanceView(workflow: string, version: number, w: WorkingRecord): InstanceView {
  return {
    workflow,
    workflow_version: version,
    state: w.state ?? '',
    assignee: w.assignee,
    approval: w.approval,
    needs_migration: false,
  }
}

/** Whether two data objects hold the same values by identity (effects set fields, they never change one in place). */
function sameFields(a: Record<string, unknown>, b: Record<string, unknown>) {
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  return keys.every((k) => k in b && a[k] === b[k])
}

function fieldAccessOf(
  form: FormDefinition,
  key: string,
  wf: WorkflowDefinition | undefined,
  state: StateDefinition | undefined,
  who: ActorInApp,
) {
  const field = form.fields.find((f) => f.key === key)
  return field ? fieldAccess(field, wf, state, who) : 'hidden'
}

/** Whether an approval's rule is met, can no longer be met, or is still open. */
export function approvalOutcome(a: ApprovalProgress): 'approved' | 'rejected' | 'open' {
  const n = a.approvers.length
  const yes = a.decisions.filter((d) => d.decision === 'approve').length
  const no = a.decisions.filter((d) => d.decision === 'reject').length
  const need =
    a.mode === 'all' ? n : a.mode === 'any' ? 1 : Math.max(1, Math.ceil((a.share ?? 0.5) * n - 1e-9))
  if (yes >= need) return 'approved'
  if (n - no < need) return 'rejected'
  return 'open'
}
