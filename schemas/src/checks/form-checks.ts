import type { FieldDefinition } from '../app-definition.js'
import { childPointer, localized } from '../problems.js'
import { visitorFillable } from '../public-form-fields.js'
import { type Check, type CheckContext, type FormEntry, indexFields } from './check-context.js'
import { checkFields } from './field-checks.js'
import { findCycles } from './find-cycles.js'
import { logicFacts } from './logic-facts.js'
import { checkLogic, unknownFieldMessage } from './logic-checks.js'

function checkLayout(ctx: CheckContext, entry: FormEntry) {
  const placed = new Map<string, string>()
  entry.form.layout?.forEach((section, s) => {
    section.fields.forEach((key, i) => {
      const at = childPointer(entry.path, 'layout', s, 'fields', i)
      if (!entry.fields.has(key))
        ctx.report(at, 'unknown_field', unknownFieldMessage(key, { fields: entry.fields }))
      else if (placed.has(key))
        ctx.report(
          at,
          'layout_field_repeated',
          localized(
            `字段 '${key}' 已在布局 ${placed.get(key)} 中出现`,
            `field '${key}' is already placed at ${placed.get(key)}`,
          ),
        )
      else placed.set(key, at)
    })
  })
}

function checkPermissions(ctx: CheckContext, entry: FormEntry) {
  for (const [role, permission] of Object.entries(entry.form.permissions ?? {})) {
    const at = childPointer(entry.path, 'permissions', role)
    if (role !== '*' && !ctx.roles.has(role))
      ctx.report(
        at,
        'unknown_role',
        localized(`角色 '${role}' 未在 roles 中声明`, `role '${role}' is not declared in roles`),
      )
    for (const scopeKey of ['read', 'edit', 'delete'] as const) {
      const scope = permission[scopeKey]
      if (scope && typeof scope === 'object')
        checkLogic(ctx, scope.where, childPointer(at, scopeKey, 'where'), {
          fields: entry.fields,
          states: ctx.statesOf(entry.form.key),
        })
    }
  }
}

/** A public form's declared fields: fields of the form that a visitor can fill in. */
function checkPublicFields(ctx: CheckContext, entry: FormEntry) {
  entry.form.publicFields?.forEach((key, i) => {
    const at = childPointer(entry.path, 'publicFields', i)
    const field = entry.form.fields.find((f) => f.key === key)
    if (!field) ctx.report(at, 'unknown_field', unknownFieldMessage(key, { fields: entry.fields }))
    else if (!visitorFillable(field))
      ctx.report(
        at,
        'public_field_not_fillable',
        localized(
          `匿名访客无法填写字段 '${key}'（只读、计算、成员、关联或文件字段）`,
          `an anonymous visitor cannot fill in '${key}' (read-only, computed, member, relation or file field)`,
        ),
      )
  })
}

/** Form rules: keys unique, the field they show on a field of the form, checks over its fields. */
function checkRules(ctx: CheckContext, entry: FormEntry) {
  const seen = new Set<string>()
  entry.form.rules?.forEach((rule, i) => {
    const at = childPointer(entry.path, 'rules', i)
    if (seen.has(rule.key))
      ctx.report(
        childPointer(at, 'key'),
        'duplicate_key',
        localized(`规则键 '${rule.key}' 重复`, `rule key '${rule.key}' is used twice`),
      )
    seen.add(rule.key)
    if (rule.field !== undefined && !entry.fields.has(rule.field))
      ctx.report(
        childPointer(at, 'field'),
        'unknown_field',
        unknownFieldMessage(rule.field, { fields: entry.fields }),
      )
    // a rule sees the form's own values, not the workflow state
    checkLogic(ctx, rule.check, childPointer(at, 'check'), { fields: entry.fields })
  })
}

/**
 * Loops among fields: formulas reading each other can never be computed, and fields shown only when
 * each other has a value can never appear (a hidden field has no value). Each loop is reported once.
 */
function checkFieldCycles(ctx: CheckContext, fields: FieldDefinition[], path: string) {
  const index = indexFields(fields, path)
  const reads = (logic: FieldDefinition['expression'], at: string) =>
    logic === undefined
      ? []
      : logicFacts(logic, at)
          .vars.map((v) => v.key)
          .filter((k) => index.has(k))
  const formulas = new Map<string, string[]>()
  const visibility = new Map<string, string[]>()
  for (const [key, { field, path: at }] of index) {
    if (field.type === 'formula')
      formulas.set(
        key,
        reads(field.expression, at).filter((k) => index.get(k)?.field.type === 'formula'),
      )
    if (field.visibleWhen !== undefined) visibility.set(key, reads(field.visibleWhen, at))
  }
  for (const loop of findCycles(formulas)) {
    const text = loop.join(' → ')
    ctx.report(
      childPointer(index.get(loop[0]!)!.path, 'expression'),
      'formula_cycle',
      localized(`公式循环引用：${text}`, `formulas depend on each other in a loop: ${text}`),
    )
  }
  for (const loop of findCycles(visibility)) {
    const text = loop.join(' → ')
    ctx.report(
      childPointer(index.get(loop[0]!)!.path, 'visibleWhen'),
      'visibility_cycle',
      localized(
        `显示条件循环依赖：${text}；隐藏的字段没有值，这些字段永远不会显示`,
        `visibility conditions depend on each other in a loop: ${text}; hidden fields have no value, so these never show`,
      ),
    )
  }
  for (const { field, path: at } of index.values())
    if (field.type === 'subform' && field.fields)
      checkFieldCycles(ctx, field.fields, childPointer(at, 'fields'))
}

/** Fields, layout, permissions and formulas of every form. */
export const checkForms: Check = (ctx) => {
  ctx.app.forms.forEach((form, i) => {
    const entry = ctx.forms.get(form.key)
    // a form repeating an earlier key is reported as duplicate_key; check it on its own terms anyway
    const self =
      entry && entry.form === form
        ? entry
        : { form, path: `/forms/${i}`, fields: indexFields(form.fields, `/forms/${i}/fields`) }
    checkFields(ctx, form.fields, childPointer(self.path, 'fields'), {
      fields: self.fields,
      states: ctx.statesOf(form.key),
    })
    checkLayout(ctx, self)
    checkPermissions(ctx, self)
    checkRules(ctx, self)
    checkPublicFields(ctx, self)
    checkFieldCycles(ctx, form.fields, childPointer(self.path, 'fields'))
  })
}
