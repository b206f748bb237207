import type {
  FieldAccess,
  FieldDefinition,
  FieldPermission,
  FormDefinition,
  RoleDefinition,
} from '@tessera/schemas'
import { Flex, Radio, Select, Switch, Table, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { setAccess } from './permissions.js'

const ACCESS: readonly FieldAccess[] = ['hidden', 'read', 'edit', 'required']

interface PermissionMatrixProps {
  form: FormDefinition
  roles: RoleDefinition[]
  value: Record<string, FieldPermission> | undefined
  onChange: (value: Record<string, FieldPermission> | undefined) => void
}

/** Every field x hidden / read / edit / required for one state, optionally per role. */
export function PermissionMatrix({ form, roles, value, onChange }: PermissionMatrixProps) {
  const { t, label } = useT()
  const set = (key: string, permission: FieldPermission | undefined) =>
    onChange(setAccess(value, key, permission))
  const accessOptions = ACCESS.map((a) => ({ value: a, label: t(`builder.perm.${a}`) }))
  return (
    <Flex vertical gap={6} data-testid="builder-permissions">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('builder.perm.defaultHint')}
      </Typography.Text>
      <Flex gap={6} align="center">
        <span>{t('builder.perm.setAll')}</span>
        <Select
          size="small"
          style={{ width: 120 }}
          placeholder={t('builder.common.select')}
          value={null}
          onChange={(access: FieldAccess | 'default') =>
            onChange(
              access === 'default'
                ? undefined
                : Object.fromEntries(form.fields.map((f) => [f.key, access] as const)),
            )
          }
          options={[{ value: 'default', label: t('builder.perm.default') }, ...accessOptions]}
        />
      </Flex>
      <Table<FieldDefinition>
        size="small"
        rowKey="key"
        pagination={false}
        virtual={form.fields.length > 60}
        scroll={form.fields.length > 60 ? { y: 480 } : undefined}
        dataSource={form.fields}
        columns={[
          {
            title: t('builder.perm.field'),
            width: 110,
            render: (_, f) => <Typography.Text ellipsis>{label(f.label, f.key)}</Typography.Text>,
          },
          {
            title: t('builder.perm.perRole'),
            width: 64,
            render: (_, f) => (
              <Switch
                size="small"
                aria-label={t('builder.perm.perRole')}
                checked={typeof value?.[f.key] === 'object'}
                onChange={(on) => {
                  const current = value?.[f.key]
                  if (on) set(f.key, { '*': typeof current === 'string' ? current : 'read' })
                  else set(f.key, typeof current === 'object' ? current['*'] : undefined)
                }}
              />
            ),
          },
          {
            title: (
              <Flex gap={4}>
                {ACCESS.map((a) => (
                  <span key={a} style={{ width: 54, fontSize: 11 }}>
                    {t(`builder.perm.${a}`)}
                  </span>
                ))}
              </Flex>
            ),
            render: (_, f) => {
              const permission = value?.[f.key]
              if (typeof permission === 'object') {
                const entries = [...roles.map((r) => r.key), '*']
                return (
                  <Flex vertical gap={2}>
                    {entries.map((role) => (
                      <Flex key={role} gap={4} align="center">
                        <span style={{ width: 80, fontSize: 11 }}>
                          {role === '*'
                            ? t('builder.perm.everyoneElse')
                            : label(roles.find((r) => r.key === role)?.label, role)}
                        </span>
                        <Select
                          size="small"
                          allowClear
                          style={{ width: 110 }}
                          value={permission[role]}
                          onChange={(access?: FieldAccess) => {
                            const next = { ...permission }
                            if (access) next[role] = access
                            else delete next[role]
                            set(f.key, Object.keys(next).length ? next : undefined)
                          }}
                          options={accessOptions}
                        />
                      </Flex>
                    ))}
                  </Flex>
                )
              }
              return (
                <Radio.Group
                  size="small"
                  value={permission ?? null}
                  onChange={(e) => set(f.key, e.target.value as FieldAccess)}
                  data-field-permission={f.key}
                >
                  <Flex gap={4}>
                    {ACCESS.map((a) => (
                      <Radio
                        key={a}
                        value={a}
                        aria-label={`${f.key} ${t(`builder.perm.${a}`)}`}
                        style={{ width: 50, marginInlineEnd: 0 }}
                      />
                    ))}
                  </Flex>
                </Radio.Group>
              )
            },
          },
          {
            width: 48,
            render: (_, f) =>
              value?.[f.key] !== undefined && (
                <Typography.Link style={{ fontSize: 11 }} onClick={() => set(f.key, undefined)}>
                  {t('builder.perm.default')}
                </Typography.Link>
              ),
          },
        ]}
      />
    </Flex>
  )
}
