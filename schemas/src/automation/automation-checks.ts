import type { ActionDefinition, JsonLogic } from '../app-definition.js'
import { checkAction } from '../checks/action-checks.js'
import { checkAssignee } from '../checks/assignee-checks.js'
import { type CheckContext, type FormEntry, unknownFormMessage } from '../checks/check-context.js'
import { durationProblem } from '../checks/duration.js'
import { COMPUTED_TYPES } from '../checks/field-kinds.js'
import {
  checkLogic,
  type FieldScope,
  unknownFieldMessage,
  unknownStateMessage,
} from '../checks/logic-checks.js'
import { KEY_PATTERN } from '../checks/system-fields.js'
import { didYouMean } from '../did-you-mean.js'
import { childPointer, localized, pointer } from '../problems.js'
import type { AutomationAction, AutomationDefinition, NotifySummary } from './automation-definition.js'
import { parseCron } from './cron.js'

const scopeOf = (ctx: CheckContext, form: FormEntry): FieldScope => ({
  fields: form.fields,
  states: ctx.statesOf(form.form.key),
})

const inForm = (form: string): [string, string] => [`表单 '${form}' 中`, `in form '${form}': `]

function checkFields(ctx: CheckContext, form: FormEntry, keys: string[], path: string) {
  keys.forEach((key, i) => {
    if (!form.fields.has(key))
      ctx.report(
        childPointer(path, i),
        'unknown_field',
        unknownFieldMessage(key, scopeOf(ctx, form), inForm(form.form.key)),
      )
  })
}

function transitionsOf(ctx: CheckContext, form: string): string[] | undefined {
  return ctx.app.workflows?.find((w) => w.form === form)?.transitions.map((t) => t.key)
}

/** The form whose records the trigger hands to the actions, if any; reports what the trigger names wrongly. */
function checkTrigger(ctx: CheckContext, a: AutomationDefinition, path: string): FormEntry | undefined {
  const t = a.trigger
  const at = childPointer(path, 'trigger')
  const form = (key: string, where: string) => {
    const entry = ctx.forms.get(key)
    if (!entry) ctx.report(where, 'unknown_form', unknownFormMessage(ctx, key))
    return entry
  }
  switch (t.on) {
    case 'created':
      return form(t.form, childPointer(at, 'form'))
    case 'changed': {
      const entry = form(t.form, childPointer(at, 'form'))
      if (entry && t.fields) checkFields(ctx, entry, t.fields, childPointer(at, 'fields'))
      return entry
    }
    case 'entered': {
      const wf = ctx.app.workflows?.find((w) => w.key === t.workflow)
      if (!wf) {
        const guess = didYouMean(
          t.workflow,
          (ctx.app.workflows ?? []).map((w) => w.key),
        )
        ctx.report(
          childPointer(at, 'workflow'),
          'unknown_workflow',
          localized(
            `流程 '${t.workflow}' 不存在${guess ? `（是否想写 '${guess}'？）` : ''}`,
            `workflow '${t.workflow}' does not exist${guess ? ` (did you mean '${guess}'?)` : ''}`,
          ),
        )
        return undefined
      }
      const states = wf.states.map((s) => s.key)
      if (!states.includes(t.state))
        ctx.report(childPointer(at, 'state'), 'unknown_state', unknownStateMessage(t.state, states))
      return ctx.forms.get(wf.form)
    }
    case 'schedule': {
      const cron = parseCron(t.cron)
      if (!cron.ok) ctx.report(childPointer(at, 'cron'), 'invalid_cron', cron.message)
      if (!t.each) return undefined
      const each = childPointer(at, 'each')
      const entry = form(t.each.form, childPointer(each, 'form'))
      if (entry) checkLogic(ctx, t.each.where, childPointer(each, 'where'), scopeOf(ctx, entry))
      const idle = t.each.idle
      if (idle) {
        const problem = durationProblem(idle.after)
        if (problem) ctx.report(childPointer(each, 'idle', 'after'), 'invalid_duration', problem)
        idle.related?.forEach((r, i) => {
          const rp = childPointer(each, 'idle', 'related', i)
          const related = form(r.form, childPointer(rp, 'form'))
          const field = related?.fields.get(r.field)?.field
          if (related && !field)
            ctx.report(
              childPointer(rp, 'field'),
              'unknown_field',
              unknownFieldMessage(r.field, scopeOf(ctx, related), inForm(r.form)),
            )
          else if (field && (field.type !== 'relation' || field.target !== t.each?.form))
            ctx.report(
              childPointer(rp, 'field'),
              'link_target_mismatch',
              localized(
                `字段 '${r.field}' 必须是指向表单 '${t.each?.form}' 的关联字段`,
                `field '${r.field}' must be a relation to form '${t.each?.form}'`,
              ),
            )
        })
      }
      return entry
    }
    case 'webhook':
      return undefined
  }
}

function checkSummary(ctx: CheckContext, summary: NotifySummary, path: string) {
  const period = durationProblem(summary.period)
  if (period) ctx.report(childPointer(path, 'period'), 'invalid_duration', period)
  const seen = new Set<string>()
  summary.figures.forEach((f, i) => {
    const at = childPointer(path, 'figures', i)
    const bad = (where: string, zh: string, en: string) =>
      ctx.report(where, 'figure_invalid', localized(zh, en))
    if ('ratio' in f && f.ratio !== undefined) {
      if ('form' in f && f.form !== undefined)
        bad(
          at,
          `数字 '${f.key}' 不能同时有 form 和 ratio`,
          `figure '${f.key}' takes either form or ratio, not both`,
        )
      if (f.ratio.length !== 2)
        bad(childPointer(at, 'ratio'), 'ratio 需要恰好两个数字键', 'ratio names exactly two figure keys')
      f.ratio.forEach((k, j) => {
        if (!seen.has(k))
          bad(childPointer(at, 'ratio', j), `'${k}' 不是前面的数字`, `'${k}' is not an earlier figure`)
      })
    } else if (!('form' in f) || f.form === undefined) {
      bad(at, `数字 '${f.key}' 需要 form 或 ratio`, `figure '${f.key}' needs a form or a ratio`)
    } else {
      const form = ctx.forms.get(f.form)
      if (!form) ctx.report(childPointer(at, 'form'), 'unknown_form', unknownFormMessage(ctx, f.form))
      else {
        const scope = scopeOf(ctx, form)
        if (f.within !== undefined && !['created_at', 'updated_at'].includes(f.within)) {
          const type = form.fields.get(f.within)?.field.type
          if (!type)
            ctx.report(
              childPointer(at, 'within'),
              'unknown_field',
              unknownFieldMessage(f.within, scope, inForm(f.form)),
            )
          else if (type !== 'datetime' && type !== 'date')
            bad(
              childPointer(at, 'within'),
              `字段 '${f.within}' 不是日期或日期时间`,
              `field '${f.within}' is not a date or datetime`,
            )
        }
        if (f.transition !== undefined && !(transitionsOf(ctx, f.form) ?? []).includes(f.transition))
          ctx.report(
            childPointer(at, 'transition'),
            'unknown_transition',
            localized(
              `表单 '${f.form}' 的流程没有转换 '${f.transition}'`,
              `the workflow of form '${f.form}' has no transition '${f.transition}'`,
            ),
          )
        if (f.groupBy !== undefined && f.groupBy !== 'state' && !form.fields.has(f.groupBy))
          ctx.report(
            childPointer(at, 'groupBy'),
            'unknown_field',
            unknownFieldMessage(f.groupBy, scope, inForm(f.form)),
          )
        checkLogic(ctx, f.where, childPointer(at, 'where'), scope)
      }
    }
    if (seen.has(f.key))
      ctx.report(
        childPointer(at, 'key'),
        'duplicate_key',
        localized(`数字键 '${f.key}' 重复`, `figure key '${f.key}' repeats`),
      )
    seen.add(f.key)
  })
}

function needsRecord(ctx: CheckContext, path: string, type: string) {
  ctx.report(
    path,
    'automation_needs_record',
    localized(
      `'${type}' 动作需要一条触发记录：计划任务请用 each 指定表单，webhook 触发没有记录`,
      `a '${type}' action needs a triggering record: give a schedule an 'each' form; a webhook has none`,
    ),
  )
}

function varName(logic: JsonLogic | undefined): string | undefined {
  if (logic === null || typeof logic !== 'object' || Array.isArray(logic)) return undefined
  const v = (logic as Record<string, JsonLogic>).var
  return typeof v === 'string' ? v : undefined
}

function checkAutomationAction(
  ctx: CheckContext,
  action: AutomationAction,
  path: string,
  subject: FormEntry | undefined,
) {
  switch (action.type) {
    case 'set':
      if (!subject) return needsRecord(ctx, path, 'set')
      return checkAction(ctx, action, path, subject)
    case 'webhook':
    case 'create':
      if ('match' in action && action.match !== undefined)
        ctx.report(
          childPointer(path, 'match'),
          'automation_action_unsupported',
          localized(
            '自动化的 create 动作不支持 match（仅流程转换中可用）',
            "an automation's create action takes no 'match' (only a transition's does)",
          ),
        )
      if (subject) return checkAction(ctx, action as ActionDefinition, path, subject)
      if (action.type === 'create') {
        const target = ctx.forms.get(action.form)
        if (!target)
          ctx.report(childPointer(path, 'form'), 'unknown_form', unknownFormMessage(ctx, action.form))
        else checkFields(ctx, target, Object.keys(action.map), childPointer(path, 'map'))
        if (action.link !== undefined || action.backLink !== undefined)
          needsRecord(ctx, childPointer(path, action.link !== undefined ? 'link' : 'backLink'), 'create link')
      }
      return
    case 'notify':
      // no `to` is checkRobots' finding (it depends on the channel)
      if (!action.to) return
      checkAssignee(ctx, action.to, childPointer(path, 'to'), subject ? scopeOf(ctx, subject) : undefined)
      if ('field' in action.to && !subject) needsRecord(ctx, childPointer(path, 'to'), 'notify field')
      if (action.summary) checkSummary(ctx, action.summary, childPointer(path, 'summary'))
      return
    case 'update': {
      const target = ctx.forms.get(action.form)
      if (!target)
        return ctx.report(childPointer(path, 'form'), 'unknown_form', unknownFormMessage(ctx, action.form))
      const scope = scopeOf(ctx, target)
      checkLogic(ctx, action.where, childPointer(path, 'where'), scope)
      for (const [key, value] of Object.entries(action.set)) {
        const at = childPointer(path, 'set', key)
        const field = target.fields.get(key)?.field
        if (!field) ctx.report(at, 'unknown_field', unknownFieldMessage(key, scope, inForm(action.form)))
        else if (COMPUTED_TYPES.has(field.type))
          ctx.report(
            at,
            'computed_field',
            localized(
              `字段 '${key}' 由系统计算，不能写入`,
              `field '${key}' is computed by the server and cannot be written`,
            ),
          )
        checkLogic(ctx, value, at, scope)
      }
      return
    }
    case 'transition': {
      if (!subject) return needsRecord(ctx, path, 'transition')
      let form = subject.form.key
      if (action.record !== undefined) {
        const name = varName(action.record)
        const field = name !== undefined ? subject.fields.get(name)?.field : undefined
        if (field?.type !== 'relation' || !field.target) {
          ctx.report(
            childPointer(path, 'record'),
            'link_target_mismatch',
            localized(
              `record 必须是 {"var": 关联字段}，指向表单 '${subject.form.key}' 的一个关联字段`,
              `record must be {"var": relationField} naming a relation field of form '${subject.form.key}'`,
            ),
          )
          return
        }
        form = field.target
      }
      const keys = transitionsOf(ctx, form)
      if (!keys?.includes(action.transition)) {
        const guess = keys ? didYouMean(action.transition, keys) : undefined
        ctx.report(
          childPointer(path, 'transition'),
          'unknown_transition',
          localized(
            `表单 '${form}' 的流程没有转换 '${action.transition}'${guess ? `（是否想写 '${guess}'？）` : ''}`,
            `the workflow of form '${form}' has no transition '${action.transition}'${guess ? ` (did you mean '${guess}'?)` : ''}`,
          ),
        )
      }
      return
    }
  }
}

/** Semantic checks of `automations`: keys, what triggers and actions name, cron expressions, summaries. */
export function checkAutomations(ctx: CheckContext) {
  const seen = new Map<string, number>()
  ;(ctx.app.automations ?? []).forEach((a, i) => {
    const path = pointer('automations', i)
    if (!KEY_PATTERN.test(a.key))
      ctx.report(
        childPointer(path, 'key'),
        'invalid_key',
        localized(
          `自动化键 '${a.key}' 须以小写字母开头，仅含小写字母、数字、下划线`,
          `automation key '${a.key}' must start with a lower-case letter and hold only a-z, 0-9 and _`,
        ),
      )
    const first = seen.get(a.key)
    if (first !== undefined)
      ctx.report(
        childPointer(path, 'key'),
        'duplicate_key',
        localized(
          `自动化键 '${a.key}' 与第 ${first} 项重复`,
          `automation key '${a.key}' repeats item ${first}`,
        ),
      )
    else seen.set(a.key, i)
    const subject = checkTrigger(ctx, a, path)
    if (subject) checkLogic(ctx, a.condition, childPointer(path, 'condition'), scopeOf(ctx, subject))
    for (const [j, action] of a.actions.entries())
      checkAutomationAction(ctx, action, childPointer(path, 'actions', j), subject)
  })
}
