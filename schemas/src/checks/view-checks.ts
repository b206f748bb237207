import { childPointer, localized, pointer } from '../problems.js'
import type { Check } from './check-context.js'
import { checkColumn, checkFilter, formOf } from './column-checks.js'
import { resolveField, unknownFieldMessage } from './logic-checks.js'
import { checkDashboards } from './widget-checks.js'

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
