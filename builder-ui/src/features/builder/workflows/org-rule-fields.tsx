import type { AssigneeRule, OrgPerson } from '@tessera/schemas'
import { Select, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { useDepartments } from '../../organisation/org-queries.js'

/** The platform's departments as options; a key the rule names that no longer exists stays visible, marked. */
export function useDepartmentOptions(current?: string) {
  const { t } = useT()
  const departments = useDepartments()
  const options = (departments.data ?? []).map((d) => ({ value: d.key, label: `${d.name} (${d.key})` }))
  if (current && departments.data && !options.some((o) => o.value === current))
    options.push({ value: current, label: t('builder.assignee.unknownDepartment', { key: current }) })
  return options
}

/** The parts of an organisation rule: the department it names, or whom a head/manager rule starts from. */
export function OrgRuleFields({
  value,
  onChange,
}: {
  value: AssigneeRule
  onChange: (rule: AssigneeRule) => void
}) {
  const { t } = useT()
  const departmentKey = 'department' in value ? value.department : undefined
  const departments = useDepartmentOptions(departmentKey)
  if ('department' in value)
    return (
      <Select
        size="small"
        showSearch
        optionFilterProp="label"
        aria-label={t('builder.assignee.pickDepartment')}
        data-testid="builder-assignee-department"
        value={value.department || undefined}
        onChange={(department: string) => onChange({ department })}
        options={departments}
      />
    )
  if (!('departmentHead' in value) && !('manager' in value)) return null
  const kind = 'departmentHead' in value ? 'departmentHead' : 'manager'
  const person: OrgPerson = 'departmentHead' in value ? value.departmentHead : value.manager
  return (
    <>
      <Select
        size="small"
        aria-label={t('builder.assignee.person')}
        data-testid="builder-assignee-person"
        value={person}
        onChange={(p: OrgPerson) => onChange(kind === 'manager' ? { manager: p } : { departmentHead: p })}
        options={[
          { value: 'submitter', label: t('builder.assignee.submitter') },
          { value: 'assignee', label: t('builder.assignee.currentAssignee') },
        ]}
      />
      {kind === 'manager' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('builder.assignee.managerHelp')}
        </Typography.Text>
      )}
    </>
  )
}

/** Round robin's optional department: only members of that department tree take turns. */
export function RoundRobinDepartment({
  value,
  onChange,
}: {
  value: string | undefined
  onChange: (department: string | undefined) => void
}) {
  const { t } = useT()
  const departments = useDepartmentOptions(value)
  return (
    <Select
      size="small"
      allowClear
      showSearch
      optionFilterProp="label"
      aria-label={t('builder.assignee.inDepartment')}
      data-testid="builder-assignee-rr-department"
      placeholder={t('builder.assignee.anyDepartment')}
      value={value}
      onChange={(d?: string) => onChange(d)}
      options={departments}
    />
  )
}
