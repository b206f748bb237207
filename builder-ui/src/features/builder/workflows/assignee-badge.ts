import type { StateDefinition } from '@tessera/schemas'
import type { MessageKey } from '../../../i18n/en.js'

const BADGES = {
  user: 'builder.workflow.assigneeBadge.user',
  field: 'builder.workflow.assigneeBadge.field',
  role: 'builder.workflow.assigneeBadge.role',
  roundRobin: 'builder.workflow.assigneeBadge.roundRobin',
  department: 'builder.workflow.assigneeBadge.department',
  departmentHead: 'builder.workflow.assigneeBadge.departmentHead',
  manager: 'builder.workflow.assigneeBadge.manager',
} as const satisfies Record<string, MessageKey>

/** What a state's node says about who gets the record: the rule's kind in the admin's language. */
export function assigneeBadge(
  rule: StateDefinition['assignee'],
  t: (key: MessageKey) => string,
): string | null {
  if (!rule) return null
  const kind = Object.keys(rule)[0]
  return kind && kind in BADGES ? t(BADGES[kind as keyof typeof BADGES]) : (kind ?? null)
}
