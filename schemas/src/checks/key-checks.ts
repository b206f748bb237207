import type { FieldDefinition } from '../app-definition.js'
import { childPointer, localized, pointer } from '../problems.js'
import type { Check, CheckContext } from './check-context.js'
import { KEY_PATTERN, RESERVED_FIELD_KEYS } from './system-fields.js'

const KEY_RULE = localized(
  '须以小写字母开头，仅含小写字母、数字、下划线，最长 63 个字符',
  'must start with a lower-case letter and hold only a-z, 0-9 and _, at most 63 characters',
)

/** Reports the second and later items of `items` whose key repeats an earlier one. */
function checkUnique(ctx: CheckContext, items: { key: string }[], path: string, what: [string, string]) {
  const first = new Map<string, number>()
  items.forEach((item, i) => {
    const at = first.get(item.key)
    if (at === undefined) first.set(item.key, i)
    else
      ctx.report(
        childPointer(path, i, 'key'),
        'duplicate_key',
        localized(
          `${what[0]}键 '${item.key}' 与第 ${at} 项重复`,
          `${what[1]} key '${item.key}' repeats item ${at}`,
        ),
      )
  })
}

function checkKeyFormat(ctx: CheckContext, key: string, path: string, what: [string, string]) {
  if (!KEY_PATTERN.test(key))
    ctx.report(
      path,
      'invalid_key',
      localized(`${what[0]}键 '${key}' ${KEY_RULE['zh-CN']}`, `${what[1]} key '${key}' ${KEY_RULE.en}`),
    )
}

function checkKeys(ctx: CheckContext, items: { key: string }[], path: string, what: [string, string]) {
  items.forEach((item, i) => {
    checkKeyFormat(ctx, item.key, childPointer(path, i, 'key'), what)
  })
  checkUnique(ctx, items, path, what)
}

function checkFieldKeys(ctx: CheckContext, fields: FieldDefinition[], path: string) {
  checkKeys(ctx, fields, path, ['字段', 'field'])
  fields.forEach((field, i) => {
    const at = childPointer(path, i)
    if (RESERVED_FIELD_KEYS.has(field.key))
      ctx.report(
        childPointer(at, 'key'),
        'reserved_key',
        localized(
          `字段键 '${field.key}' 是系统保留名，请换一个`,
          `field key '${field.key}' is reserved by the platform; choose another`,
        ),
      )
    if (field.options) {
      const first = new Map<string, number>()
      field.options.forEach((option, j) => {
        const seen = first.get(option.value)
        if (seen === undefined) first.set(option.value, j)
        else
          ctx.report(
            childPointer(at, 'options', j, 'value'),
            'duplicate_option',
            localized(
              `选项值 '${option.value}' 与第 ${seen} 项重复`,
              `option value '${option.value}' repeats option ${seen}`,
            ),
          )
      })
    }
    if (field.fields) checkFieldKeys(ctx, field.fields, childPointer(at, 'fields'))
  })
}

/** Key format and uniqueness of every keyed list; reserved field keys; repeated option values. */
export const checkKeysAndDuplicates: Check = (ctx) => {
  const { app } = ctx
  checkKeyFormat(ctx, app.key, pointer('key'), ['应用', 'app'])
  checkKeys(ctx, app.roles, pointer('roles'), ['角色', 'role'])
  checkKeys(ctx, app.forms, pointer('forms'), ['表单', 'form'])
  app.forms.forEach((form, i) => {
    checkFieldKeys(ctx, form.fields, pointer('forms', i, 'fields'))
  })
  checkKeys(ctx, app.workflows ?? [], pointer('workflows'), ['流程', 'workflow'])
  app.workflows?.forEach((wf, i) => {
    checkKeys(ctx, wf.states, pointer('workflows', i, 'states'), ['状态', 'state'])
    checkKeys(ctx, wf.transitions, pointer('workflows', i, 'transitions'), ['流转', 'transition'])
  })
  checkKeys(ctx, app.views ?? [], pointer('views'), ['视图', 'view'])
  checkKeys(ctx, app.robots ?? [], pointer('robots'), ['机器人', 'robot'])
  checkKeys(ctx, app.dashboards ?? [], pointer('dashboards'), ['仪表盘', 'dashboard'])
  app.dashboards?.forEach((d, i) => {
    checkKeys(ctx, d.widgets, pointer('dashboards', i, 'widgets'), ['组件', 'widget'])
  })
}
