import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import type { FieldDefinition } from '@tessera/schemas'
import { Button, Flex, Select, Space } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { ValueInput } from '../common/value-input.js'
import {
  type ConditionGroup,
  type ConditionNode,
  type ConditionRule,
  operatorsFor,
  UNARY_OPERATORS,
} from '../logic/condition-model.js'

interface GroupProps {
  group: ConditionGroup
  fields: FieldDefinition[]
  onChange: (group: ConditionGroup) => void
  onRemove?: () => void
  depth: number
}

/** One AND/OR group of the visual condition builder, with its rules and nested groups. */
export function ConditionGroupEditor({ group, fields, onChange, onRemove, depth }: GroupProps) {
  const { t } = useT()
  const setChild = (index: number, child: ConditionNode | null) =>
    onChange({
      ...group,
      children:
        child === null
          ? group.children.filter((_, i) => i !== index)
          : group.children.map((c, i) => (i === index ? child : c)),
    })
  const firstField = fields[0]
  const newRule = (): ConditionRule => ({
    kind: 'rule',
    field: firstField?.key ?? '',
    operator: firstField ? (operatorsFor(firstField.type)[0] ?? 'eq') : 'eq',
  })
  return (
    <Flex
      vertical
      gap={6}
      style={{
        borderInlineStart: `3px solid ${group.combinator === 'and' ? '#3056d3' : '#d46b08'}`,
        paddingInlineStart: 8,
      }}
      data-condition-group={depth}
    >
      <Space>
        <Select
          size="small"
          aria-label={t('builder.condition.and')}
          value={group.combinator}
          onChange={(combinator) => onChange({ ...group, combinator })}
          options={[
            { value: 'and', label: t('builder.condition.and') },
            { value: 'or', label: t('builder.condition.or') },
          ]}
        />
        {onRemove && (
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('builder.common.remove')}
            onClick={onRemove}
          />
        )}
      </Space>
      {group.children.map((child, index) =>
        child.kind === 'group' ? (
          <ConditionGroupEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity but their position
            key={index}
            group={child}
            fields={fields}
            depth={depth + 1}
            onChange={(g) => setChild(index, g)}
            onRemove={() => setChild(index, null)}
          />
        ) : (
          <RuleEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity but their position
            key={index}
            rule={child}
            fields={fields}
            onChange={(r) => setChild(index, r)}
            onRemove={() => setChild(index, null)}
          />
        ),
      )}
      <Space>
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => onChange({ ...group, children: [...group.children, newRule()] })}
        >
          {t('builder.condition.addRule')}
        </Button>
        {depth < 3 && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() =>
              onChange({
                ...group,
                children: [
                  ...group.children,
                  {
                    kind: 'group',
                    combinator: group.combinator === 'and' ? 'or' : 'and',
                    children: [newRule()],
                  },
                ],
              })
            }
          >
            {t('builder.condition.addGroup')}
          </Button>
        )}
      </Space>
    </Flex>
  )
}

function RuleEditor({
  rule,
  fields,
  onChange,
  onRemove,
}: {
  rule: ConditionRule
  fields: FieldDefinition[]
  onChange: (rule: ConditionRule) => void
  onRemove: () => void
}) {
  const { t, label } = useT()
  const field = fields.find((f) => f.key === rule.field)
  const operators = field ? operatorsFor(field.type) : [rule.operator]
  return (
    <Flex gap={4} wrap align="center" data-condition-rule>
      <Select
        size="small"
        showSearch
        optionFilterProp="label"
        aria-label={t('builder.condition.field')}
        style={{ minWidth: 130 }}
        value={rule.field || undefined}
        placeholder={t('builder.condition.field')}
        onChange={(key) => {
          const next = fields.find((f) => f.key === key)
          const ops = next ? operatorsFor(next.type) : []
          onChange({
            kind: 'rule',
            field: key,
            operator: ops.includes(rule.operator) ? rule.operator : (ops[0] ?? 'eq'),
          })
        }}
        options={fields.map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
      />
      <Select
        size="small"
        aria-label={t('builder.op.eq')}
        style={{ minWidth: 110 }}
        value={rule.operator}
        onChange={(operator) =>
          onChange({ ...rule, operator, value: UNARY_OPERATORS.includes(operator) ? undefined : rule.value })
        }
        options={operators.map((op) => ({ value: op, label: t(`builder.op.${op}`) }))}
      />
      {!UNARY_OPERATORS.includes(rule.operator) && (
        <div style={{ flex: 1, minWidth: 120 }}>
          <ValueInput
            field={
              field && rule.operator === 'contains' && field.type === 'multiselect'
                ? { ...field, type: 'select' }
                : field
            }
            multiple={rule.operator === 'in' || rule.operator === 'notIn'}
            value={rule.value}
            onChange={(value) => onChange({ ...rule, value })}
          />
        </div>
      )}
      <Button
        size="small"
        type="text"
        danger
        icon={<DeleteOutlined />}
        aria-label={t('builder.common.remove')}
        onClick={onRemove}
      />
    </Flex>
  )
}
