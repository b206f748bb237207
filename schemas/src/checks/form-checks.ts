import type { FieldDefinition } from '../app-definition.js'
import { childPointer, localized } from '../problems.js'
import { type Check, type CheckContext, type FormEntry, indexFields } from './check-context.js'
import { checkFields } from './field-checks.js'
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
        checkLogic(ctx, scope.where, childPointer(at, scopeKey, 'where'), { fields: entry.fields })
    }
  }
}

/** Formula fields reading each other in a loop can never be computed: report each loop once. */
function checkFormulaCycles(ctx: CheckContext, fields: FieldDefinition[], path: string) {
  const index = indexFields(fields, path)
  const deps = new Map<string, string[]>()
  for (const [key, { field, path: at }] of index)
    if (field.type === 'formula' && field.expression !== undefined)
      deps.set(
        key,
        logicFacts(field.expression, at)
          .vars.map((v) => v.key)
          .filter((k) => index.get(k)?.field.type === 'formula'),
      )
  const state = new Map<string, 'active' | 'done'>()
  const stack: string[] = []
  const visit = (key: string) => {
    state.set(key, 'active')
    stack.push(key)
    for (const next of deps.get(key) ?? []) {
      if (state.get(next) === 'active') {
        const loop = [...stack.slice(stack.indexOf(next)), next].join(' → ')
        ctx.report(
          childPointer(index.get(next)!.path, 'expression'),
          'formula_cycle',
          localized(`公式循环引用：${loop}`, `formulas depend on each other in a loop: ${loop}`),
        )
      } else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(key, 'done')
  }
  for (const key of deps.keys()) if (!state.has(key)) visit(key)
  for (const { field, path: at } of index.values())
    if (field.type === 'subform' && field.fields)
      checkFormulaCycles(ctx, field.fields, childPointer(at, 'fields'))
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
    checkFields(ctx, form.fields, childPointer(self.path, 'fields'), { fields: self.fields })
    checkLayout(ctx, self)
    checkPermissions(ctx, self)
    checkFormulaCycles(ctx, form.fields, childPointer(self.path, 'fields'))
  })
}
