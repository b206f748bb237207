import type { MessageKey } from '../../../i18n/en.js'

const NAMED = new Set<string>([
  'label',
  'title',
  'name',
  'required',
  'help',
  'placeholder',
  'default',
  'type',
  'options',
  'min',
  'max',
  'minLength',
  'maxLength',
  'pattern',
  'visibleWhen',
  'requiredWhen',
  'readOnly',
  'unique',
  'fields',
  'layout',
  'states',
  'transitions',
  'timers',
  'roles',
  'guard',
  'actions',
  'assignee',
  'final',
  'from',
  'to',
  'requires',
  'approval',
  'initial',
])

/**
 * A changed property of the publish diff in the admin's language ("label" reads 名称 in zh-CN);
 * one without a name of its own shows as written in the definition, as a code.
 */
export function propertyName(property: string, t: (key: MessageKey) => string): string {
  return NAMED.has(property) ? t(`builder.diff.prop.${property}` as MessageKey) : property
}
