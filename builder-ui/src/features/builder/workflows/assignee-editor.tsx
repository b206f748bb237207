import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import type { AssigneeRule, FormDefinition, JsonLogic } from '@tessera/schemas'
import { Button, Flex, Input, Select } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { memberName } from '../builder-api.js'
import { useBuilderMembers } from '../builder-queries.js'
import { useDraft } from '../draft/draft-context.js'
import { OrgRuleFields, RoundRobinDepartment, useDepartmentOptions } from './org-rule-fields.js'

const KINDS = [
  'none',
  'user',
  'field',
  'role',
  'roundRobin',
  'department',
  'departmentHead',
  'manager',
] as const
type Kind = (typeof KINDS)[number]

/** The rule's one property names its kind (the meta-schema allows exactly one). */
const kindOf = (rule: AssigneeRule | undefined): Kind =>
  (KINDS.find((k) => k !== 'none' && rule && k in rule) ?? 'none') as Kind

/**
 * An assignee rule: a user, the member in a field, a role, round robin within a role (and a department)
 * with a member filter, a department, the head of someone's department, or someone's manager.
 */
export function AssigneeEditor({
  value,
  onChange,
  form,
  id,
}: {
  value: AssigneeRule | undefined
  onChange: (rule: AssigneeRule | undefined) => void
  form: FormDefinition | undefined
  id?: string
}) {
  const { t, label } = useT()
  const { app, draft } = useDraft()
  const members = useBuilderMembers(app)
  const departments = useDepartmentOptions()
  const kind = kindOf(value)
  const roles = draft.roles.map((r) => ({ value: r.key, label: label(r.label, r.key) }))
  const userFields = (form?.fields ?? [])
    .filter((f) => f.type === 'user')
    .map((f) => ({ value: f.key, label: label(f.label, f.key) }))
  const allFields = (form?.fields ?? []).map((f) => ({ value: f.key, label: label(f.label, f.key) }))
  const setKind = (next: Kind) => {
    if (next === 'none') onChange(undefined)
    else if (next === 'user') onChange({ user: '' })
    else if (next === 'field') onChange({ field: userFields[0]?.value ?? '' })
    else if (next === 'role') onChange({ role: roles[0]?.value ?? '' })
    else if (next === 'department') onChange({ department: departments[0]?.value ?? '' })
    else if (next === 'departmentHead') onChange({ departmentHead: 'submitter' })
    else if (next === 'manager') onChange({ manager: 'submitter' })
    else onChange({ roundRobin: { role: roles[0]?.value ?? '' } })
  }
  const where = value && 'roundRobin' in value ? Object.entries(value.roundRobin.where ?? {}) : []
  const setWhere = (entries: [string, JsonLogic][]) => {
    if (!value || !('roundRobin' in value)) return
    const { where: _old, ...rest } = value.roundRobin
    onChange({ roundRobin: entries.length ? { ...rest, where: Object.fromEntries(entries) } : rest })
  }
  return (
    <Flex vertical gap={6} id={id} data-testid="builder-assignee">
      <Select
        size="small"
        aria-label={t('builder.assignee.kind')}
        value={kind}
        onChange={setKind}
        options={KINDS.map((k) => ({
          value: k,
          label: t(`builder.assignee.${k}`),
        }))}
      />
      {value && 'user' in value && (
        <Select
          size="small"
          showSearch
          optionFilterProp="label"
          aria-label={t('builder.assignee.user')}
          value={value.user || undefined}
          onChange={(user) => onChange({ user })}
          options={(members.data ?? []).map((m) => ({ value: m.userId, label: memberName(m) }))}
        />
      )}
      {value && 'field' in value && (
        <Select
          size="small"
          aria-label={t('builder.assignee.field')}
          value={value.field || undefined}
          onChange={(field) => onChange({ field })}
          options={userFields}
        />
      )}
      {value && 'role' in value && (
        <Select
          size="small"
          aria-label={t('builder.assignee.role')}
          value={value.role || undefined}
          onChange={(role) => onChange({ role })}
          options={roles}
        />
      )}
      {value && <OrgRuleFields value={value} onChange={onChange} />}
      {value && 'roundRobin' in value && (
        <>
          <Select
            size="small"
            aria-label={t('builder.assignee.role')}
            value={value.roundRobin.role || undefined}
            onChange={(role) => onChange({ roundRobin: { ...value.roundRobin, role } })}
            options={roles}
          />
          <RoundRobinDepartment
            value={value.roundRobin.department}
            onChange={(department) => {
              const { department: _old, ...rest } = value.roundRobin
              onChange({ roundRobin: department ? { ...rest, department } : rest })
            }}
          />
          {where.length > 0 && <span>{t('builder.assignee.where')}</span>}
          {where.map(([attribute, match], index) => {
            const byField =
              typeof match === 'object' && match !== null && !Array.isArray(match) && 'var' in match
            const replace = (entry: [string, JsonLogic]) =>
              setWhere(where.map((e, i) => (i === index ? entry : e)))
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: the attribute name is being edited; the row's position is its identity
              <Flex key={index} gap={4} wrap align="center">
                <Input
                  size="small"
                  style={{ width: 100 }}
                  aria-label={t('builder.assignee.attribute')}
                  placeholder="region"
                  value={attribute}
                  onChange={(e) => replace([e.target.value, match])}
                />
                <Select
                  size="small"
                  style={{ width: 150 }}
                  value={byField ? 'field' : 'value'}
                  onChange={(mode) =>
                    replace([attribute, mode === 'field' ? { var: allFields[0]?.value ?? '' } : ''])
                  }
                  options={[
                    { value: 'value', label: t('builder.assignee.equalsValue') },
                    { value: 'field', label: t('builder.assignee.equalsField') },
                  ]}
                />
                {byField ? (
                  <Select
                    size="small"
                    style={{ width: 130 }}
                    value={String((match as { var: JsonLogic }).var)}
                    onChange={(field) => replace([attribute, { var: field }])}
                    options={allFields}
                  />
                ) : (
                  <Input
                    size="small"
                    style={{ width: 110 }}
                    value={String(match ?? '')}
                    onChange={(e) => replace([attribute, e.target.value])}
                  />
                )}
                <Button
                  size="small"
                  type="text"
                  danger
                  aria-label={t('builder.common.remove')}
                  icon={<DeleteOutlined />}
                  onClick={() => setWhere(where.filter((_, i) => i !== index))}
                />
              </Flex>
            )
          })}
          <Button
            size="small"
            icon={<PlusOutlined />}
            style={{ alignSelf: 'flex-start' }}
            onClick={() =>
              setWhere([
                ...where,
                [where.some(([a]) => a === 'region') ? '' : 'region', { var: allFields[0]?.value ?? '' }],
              ])
            }
          >
            {t('builder.assignee.addFilter')}
          </Button>
        </>
      )}
    </Flex>
  )
}
