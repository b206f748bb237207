import { childPointer, localized, pointer } from '../problems.js'
import { type Check, type CheckContext, type FormEntry, unknownFormMessage } from './check-context.js'
import { NUMERIC_TYPES } from './field-kinds.js'
import { resolveField, unknownFieldMessage, unknownStateMessage } from './logic-checks.js'

function formOf(ctx: CheckContext, key: string, path: string): FormEntry | undefined {
  const form = ctx.forms.get(key)
  if (!form) ctx.report(path, 'unknown_form', unknownFormMessage(ctx, key))
  return form
}

/** Views and widgets may name system columns (state, owner, created_at, ...) as well as fields. */
function checkColumn(ctx: CheckContext, form: FormEntry, key: string, path: string) {
  if (!resolveField({ fields: form.fields }, key))
    ctx.report(path, 'unknown_field', unknownFieldMessage(key, { fields: form.fields }))
}

function checkFilter(
  ctx: CheckContext,
  form: FormEntry,
  filter: Record<string, unknown> | undefined,
  path: string,
) {
  for (const key of Object.keys(filter ?? {})) checkColumn(ctx, form, key, childPointer(path, key))
  const states = ctx.statesOf(form.form.key)
  const state = filter?.state
  if (!states || state === undefined || form.fields.has('state')) return
  // `{"state": "new"}`, `{"state": {"in": ["new"]}}`, `{"state": {"ne": "lost"}}`: every named state exists
  const named: [unknown, string][] =
    state !== null && typeof state === 'object'
      ? Object.entries(state).flatMap(([op, v]): [unknown, string][] =>
          Array.isArray(v)
            ? v.map((s, i) => [s, childPointer(path, 'state', op, i)])
            : [[v, childPointer(path, 'state', op)]],
        )
      : [[state, childPointer(path, 'state')]]
  for (const [value, at] of named)
    if (typeof value === 'string' && !states.includes(value))
      ctx.report(at, 'unknown_state', unknownStateMessage(value, states))
}

const checkViews: Check = (ctx) => {
  ctx.app.views?.forEach((view, i) => {
    const at = pointer('views', i)
    const form = formOf(ctx, view.form, childPointer(at, 'form'))
    if (view.type === 'kanban' && view.groupBy === undefined)
      ctx.report(
        childPointer(at, 'groupBy'),
        'kanban_group_by_missing',
        localized(
          '看板视图需要 groupBy（按哪个字段分列）',
          'a kanban view needs groupBy (the field its columns stand for)',
        ),
      )
    if (!form) return
    view.columns?.forEach((key, j) => {
      checkColumn(ctx, form, key, childPointer(at, 'columns', j))
    })
    if (view.groupBy !== undefined) checkColumn(ctx, form, view.groupBy, childPointer(at, 'groupBy'))
    checkFilter(ctx, form, view.filter, childPointer(at, 'filter'))
    for (const part of (view.sort ?? '').split(',')) {
      const key = part.trim().replace(/^-/, '')
      if (view.sort !== undefined && !resolveField({ fields: form.fields }, key))
        ctx.report(
          childPointer(at, 'sort'),
          'unknown_field',
          unknownFieldMessage(key, { fields: form.fields }, ['排序：', 'sort: ']),
        )
    }
  })
}

const checkDashboards: Check = (ctx) => {
  ctx.app.dashboards?.forEach((dashboard, i) => {
    dashboard.widgets.forEach((widget, j) => {
      const at = pointer('dashboards', i, 'widgets', j)
      const form = formOf(ctx, widget.form, childPointer(at, 'form'))
      const measure = widget.measure
      if (measure && measure.op !== 'count' && measure.field === undefined)
        ctx.report(
          childPointer(at, 'measure', 'field'),
          'measure_field_missing',
          localized(`'${measure.op}' 需要一个字段`, `'${measure.op}' needs a field`),
        )
      if (!form) return
      if (widget.groupBy !== undefined) checkColumn(ctx, form, widget.groupBy, childPointer(at, 'groupBy'))
      checkFilter(ctx, form, widget.filter, childPointer(at, 'filter'))
      if (measure?.field === undefined) return
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
    })
  })
}

const checkDuplicateRules: Check = (ctx) => {
  ctx.app.duplicates?.forEach((rule, i) => {
    const at = pointer('duplicates', i)
    const form = formOf(ctx, rule.form, childPointer(at, 'form'))
    if (form && !form.fields.has(rule.field))
      ctx.report(
        childPointer(at, 'field'),
        'unknown_field',
        unknownFieldMessage(rule.field, { fields: form.fields }),
      )
  })
}

const checkTimeZone: Check = (ctx) => {
  const zone = ctx.app.timeZone
  if (zone === undefined) return
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
  } catch {
    ctx.report(
      pointer('timeZone'),
      'invalid_time_zone',
      localized(
        `'${zone}' 不是 IANA 时区（如 Asia/Shanghai）`,
        `'${zone}' is not an IANA time zone (e.g. Asia/Shanghai)`,
      ),
    )
  }
}

/** Views, dashboards, duplicate rules and the app's time zone. */
export const checkAppExtras: Check = (ctx) => {
  checkViews(ctx)
  checkDashboards(ctx)
  checkDuplicateRules(ctx)
  checkTimeZone(ctx)
}
