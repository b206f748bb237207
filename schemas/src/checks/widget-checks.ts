import type { WidgetDefinition, WidgetReport, WorkflowDefinition } from '../app-definition.js'
import { childPointer, localized, pointer } from '../problems.js'
import type { Check, CheckContext, FormEntry } from './check-context.js'
import { checkColumn, checkFilter, formOf } from './column-checks.js'
import { NUMERIC_TYPES } from './field-kinds.js'
import { resolveField, unknownFieldMessage, unknownStateMessage } from './logic-checks.js'

/** The part of a widget each report reads; a report without it, or the part without its report, is a mismatch. */
const PART_OF: Record<WidgetReport, 'stages' | 'sla' | 'time' | 'transition'> = {
  funnel: 'stages',
  sla: 'sla',
  time_series: 'time',
  transitions: 'transition',
}

const workflowOf = (ctx: CheckContext, form: string): WorkflowDefinition | undefined =>
  ctx.app.workflows?.find((w) => w.form === form)

function checkStates(ctx: CheckContext, states: readonly string[], known: readonly string[], at: string) {
  states.forEach((s, i) => {
    if (!known.includes(s)) ctx.report(childPointer(at, i), 'unknown_state', unknownStateMessage(s, known))
  })
}

function checkReportParts(ctx: CheckContext, widget: WidgetDefinition, at: string) {
  for (const [report, part] of Object.entries(PART_OF) as [WidgetReport, string][]) {
    const has = (widget as unknown as Record<string, unknown>)[part] !== undefined
    if (widget.report === report && !has)
      ctx.report(
        childPointer(at, part),
        'report_spec_mismatch',
        localized(`报表 '${report}' 需要 ${part}`, `report '${report}' needs ${part}`),
      )
    if (widget.report !== report && has)
      ctx.report(
        childPointer(at, part),
        'report_spec_mismatch',
        localized(
          `只有报表 '${report}' 读取 ${part}（此组件的报表是 '${widget.report ?? '聚合'}'）`,
          `only report '${report}' reads ${part} (this widget's report is '${widget.report ?? 'aggregate'}')`,
        ),
      )
  }
}

function checkFunnel(ctx: CheckContext, form: FormEntry, widget: WidgetDefinition, at: string) {
  const states = ctx.statesOf(form.form.key) ?? []
  const seen = new Map<string, number>()
  widget.stages?.forEach((stage, i) => {
    const here = childPointer(at, 'stages', i)
    const first = seen.get(stage.key)
    if (first !== undefined)
      ctx.report(
        childPointer(here, 'key'),
        'duplicate_key',
        localized(
          `阶段键 '${stage.key}' 与第 ${first} 项重复`,
          `stage key '${stage.key}' repeats item ${first}`,
        ),
      )
    else seen.set(stage.key, i)
    if (i > 0 && stage.states === undefined && stage.linked === undefined)
      ctx.report(
        here,
        'funnel_stage_empty',
        localized(
          `阶段 '${stage.key}' 既没有 states 也没有 linked：只有第一个阶段可以是全部记录`,
          `stage '${stage.key}' has neither states nor linked: only the first stage may be every record`,
        ),
      )
    if (stage.states) checkStates(ctx, stage.states, states, childPointer(here, 'states'))
    if (!stage.linked) return
    const fieldAt = childPointer(here, 'linked', 'field')
    const field = form.fields.get(stage.linked.field)?.field
    if (!field) {
      ctx.report(fieldAt, 'unknown_field', unknownFieldMessage(stage.linked.field, { fields: form.fields }))
      return
    }
    if (field.type !== 'relation' || !field.target) {
      ctx.report(
        fieldAt,
        'linked_field_not_relation',
        localized(
          `'${field.key}' 不是关联字段（它是 ${field.type}）`,
          `'${field.key}' is not a relation field (it is ${field.type})`,
        ),
      )
      return
    }
    const target = ctx.statesOf(field.target) ?? []
    checkStates(ctx, stage.linked.states, target, childPointer(here, 'linked', 'states'))
  })
}

function checkSla(ctx: CheckContext, form: FormEntry, widget: WidgetDefinition, at: string) {
  const sla = widget.sla
  if (!sla) return
  const states = ctx.statesOf(form.form.key) ?? []
  for (const part of ['state', 'goal'] as const)
    if (!states.includes(sla[part]))
      ctx.report(childPointer(at, 'sla', part), 'unknown_state', unknownStateMessage(sla[part], states))
  const timers = workflowOf(ctx, form.form.key)?.timers ?? []
  if (!timers.some((t) => t.state === sla.state && t.fire === sla.timer))
    ctx.report(
      childPointer(at, 'sla', 'timer'),
      'unknown_timer',
      localized(
        `状态 '${sla.state}' 上没有触发 '${sla.timer}' 的计时器`,
        `no timer on state '${sla.state}' fires '${sla.timer}'`,
      ),
    )
}

function checkTime(ctx: CheckContext, form: FormEntry, widget: WidgetDefinition, at: string) {
  const key = widget.time?.field
  if (key === undefined) return
  const fieldAt = childPointer(at, 'time', 'field')
  const field = resolveField({ fields: form.fields }, key)
  if (!field) ctx.report(fieldAt, 'unknown_field', unknownFieldMessage(key, { fields: form.fields }))
  else if (field.type !== 'date' && field.type !== 'datetime')
    ctx.report(
      fieldAt,
      'time_field_not_date',
      localized(
        `按时间统计需要日期或日期时间字段，'${key}' 是 ${field.type}`,
        `a time series needs a date or datetime field; '${key}' is ${field.type}`,
      ),
    )
}

function checkTransition(ctx: CheckContext, form: FormEntry, widget: WidgetDefinition, at: string) {
  const key = widget.transition
  if (key === undefined) return
  const known = workflowOf(ctx, form.form.key)?.transitions.map((t) => t.key) ?? []
  if (!known.includes(key))
    ctx.report(
      childPointer(at, 'transition'),
      'unknown_transition',
      localized(`流程没有流转 '${key}'`, `the workflow has no transition '${key}'`),
    )
}

function checkMeasure(ctx: CheckContext, form: FormEntry | undefined, widget: WidgetDefinition, at: string) {
  const measure = widget.measure
  if (measure && measure.op !== 'count' && measure.field === undefined)
    ctx.report(
      childPointer(at, 'measure', 'field'),
      'measure_field_missing',
      localized(`'${measure.op}' 需要一个字段`, `'${measure.op}' needs a field`),
    )
  if (!form || measure?.field === undefined) return
  const fieldAt = childPointer(at, 'measure', 'field')
  const field = resolveField({ fields: form.fields }, measure.field)
  if (!field)
    ctx.report(fieldAt, 'unknown_field', unknownFieldMessage(measure.field, { fields: form.fields }))
  else if (
    ['sum', 'avg', 'median'].includes(measure.op) &&
    !NUMERIC_TYPES.has(field.type) &&
    field.type !== 'formula'
  )
    ctx.report(
      fieldAt,
      'measure_field_not_numeric',
      localized(
        `'${measure.op}' 需要数值字段，'${measure.field}' 是 ${field.type}`,
        `'${measure.op}' needs a numeric field; '${measure.field}' is ${field.type}`,
      ),
    )
}

function checkGrouping(ctx: CheckContext, form: FormEntry, widget: WidgetDefinition, at: string) {
  if (widget.groupBy !== undefined) checkColumn(ctx, form, widget.groupBy, childPointer(at, 'groupBy'))
  if (widget.memberAttribute === undefined) return
  const group =
    widget.groupBy === undefined ? undefined : resolveField({ fields: form.fields }, widget.groupBy)
  if (group?.type !== 'user')
    ctx.report(
      childPointer(at, 'memberAttribute'),
      'member_attribute_without_user',
      localized(
        'memberAttribute 只能用于按成员字段（user）分组',
        'memberAttribute needs groupBy to be a user field (whose member carries the attribute)',
      ),
    )
}

/** The date field a dashboard's range applies to, and the fields its filters read. */
function checkFilterFields(ctx: CheckContext, form: FormEntry, widget: WidgetDefinition, at: string) {
  if (widget.dateField !== undefined) {
    const fieldAt = childPointer(at, 'dateField')
    const field = resolveField({ fields: form.fields }, widget.dateField)
    if (!field)
      ctx.report(fieldAt, 'unknown_field', unknownFieldMessage(widget.dateField, { fields: form.fields }))
    else if (field.type !== 'date' && field.type !== 'datetime')
      ctx.report(
        fieldAt,
        'time_field_not_date',
        localized(
          `日期范围需要日期或日期时间字段，'${widget.dateField}' 是 ${field.type}`,
          `the date range needs a date or datetime field; '${widget.dateField}' is ${field.type}`,
        ),
      )
  }
  for (const [name, source] of Object.entries(widget.filterBy ?? {})) {
    if (!source) continue
    const fieldAt = childPointer(at, 'filterBy', name, 'field')
    const field = resolveField({ fields: form.fields }, source.field)
    if (!field)
      ctx.report(fieldAt, 'unknown_field', unknownFieldMessage(source.field, { fields: form.fields }))
    else if (source.memberAttribute !== undefined && field.type !== 'user')
      ctx.report(
        childPointer(at, 'filterBy', name, 'memberAttribute'),
        'member_attribute_without_user',
        localized(
          `memberAttribute 只能用于成员字段（user），'${source.field}' 是 ${field.type}`,
          `memberAttribute needs a user field (whose member carries the attribute); '${source.field}' is ${field.type}`,
        ),
      )
  }
}

/** Dashboards: every widget's form, fields, filter, measure and the part its report reads. */
export const checkDashboards: Check = (ctx) => {
  ctx.app.dashboards?.forEach((dashboard, i) => {
    dashboard.widgets.forEach((widget, j) => {
      const at = pointer('dashboards', i, 'widgets', j)
      const form = formOf(ctx, widget.form, childPointer(at, 'form'))
      checkReportParts(ctx, widget, at)
      checkMeasure(ctx, form, widget, at)
      if (!form) return
      checkGrouping(ctx, form, widget, at)
      checkFilterFields(ctx, form, widget, at)
      checkFilter(ctx, form, widget.filter, childPointer(at, 'filter'))
      const needsWorkflow =
        widget.report === 'funnel' || widget.report === 'sla' || widget.report === 'transitions'
      if (needsWorkflow && !ctx.statesOf(form.form.key)) {
        ctx.report(
          childPointer(at, 'report'),
          'report_needs_workflow',
          localized(
            `报表 '${widget.report}' 读取流程的状态，但表单 '${form.form.key}' 没有流程`,
            `report '${widget.report}' reads workflow states, but form '${form.form.key}' has no workflow`,
          ),
        )
        return
      }
      if (widget.report === 'funnel') checkFunnel(ctx, form, widget, at)
      if (widget.report === 'sla') checkSla(ctx, form, widget, at)
      if (widget.report === 'time_series') checkTime(ctx, form, widget, at)
      if (widget.report === 'transitions') checkTransition(ctx, form, widget, at)
    })
  })
}
