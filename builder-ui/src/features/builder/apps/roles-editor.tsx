import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import type { RoleDefinition } from '@tessera/schemas'
import { Button, Input, Space, Table } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { labelParts, toLabel } from '../common/label-input.js'
import { KEY_PATTERN, keyFromLabel } from '../logic/key-from-label.js'

export interface RolesEditorProps {
  value: RoleDefinition[]
  onChange: (roles: RoleDefinition[]) => void
  /** role keys already published: they stay, since members and permissions refer to them. */
  locked?: ReadonlySet<string>
}

/** The app's roles: key and a name in both languages. */
export function RolesEditor({ value, onChange, locked = new Set() }: RolesEditorProps) {
  const { t } = useT()
  const update = (index: number, role: RoleDefinition) =>
    onChange(value.map((r, i) => (i === index ? role : r)))
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<RoleDefinition>
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={value}
        columns={[
          {
            title: t('builder.roles.key'),
            render: (_, role, i) => (
              <Input
                aria-label={t('builder.roles.key')}
                value={role.key}
                disabled={locked.has(role.key)}
                status={
                  KEY_PATTERN.test(role.key) && value.filter((r) => r.key === role.key).length === 1
                    ? undefined
                    : 'error'
                }
                onChange={(e) => update(i, { ...role, key: e.target.value })}
              />
            ),
          },
          {
            title: t('builder.roles.labelZh'),
            render: (_, role, i) => (
              <Input
                aria-label={t('builder.roles.labelZh')}
                value={labelParts(role.label).zh}
                onChange={(e) =>
                  update(i, withLabel(role, toLabel(e.target.value, labelParts(role.label).en, role.label)))
                }
              />
            ),
          },
          {
            title: t('builder.roles.labelEn'),
            render: (_, role, i) => (
              <Input
                aria-label={t('builder.roles.labelEn')}
                value={labelParts(role.label).en}
                onChange={(e) =>
                  update(i, withLabel(role, toLabel(labelParts(role.label).zh, e.target.value, role.label)))
                }
              />
            ),
          },
          {
            width: 48,
            render: (_, role, i) => (
              <Button
                aria-label={t('builder.roles.remove')}
                icon={<DeleteOutlined />}
                disabled={locked.has(role.key)}
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              />
            ),
          },
        ]}
      />
      <Button
        icon={<PlusOutlined />}
        onClick={() =>
          onChange([
            ...value,
            {
              key: keyFromLabel(
                undefined,
                value.map((r) => r.key),
                'role',
              ),
            },
          ])
        }
      >
        {t('builder.roles.add')}
      </Button>
    </Space>
  )
}

function withLabel(role: RoleDefinition, label: RoleDefinition['label']): RoleDefinition {
  const { label: _old, ...rest } = role
  return label === undefined ? rest : { ...rest, label }
}
