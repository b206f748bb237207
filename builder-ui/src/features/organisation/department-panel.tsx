import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons'
import { Alert, App, Button, Flex, Form, Input, List, Popconfirm, Select, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useT } from '../../i18n/i18n-context.js'
import { subtreeKeys } from './department-tree.js'
import { type Department, orgApi, type PlatformUser } from './org-api.js'
import { useDepartmentChange } from './org-queries.js'

interface DepartmentPanelProps {
  department: Department
  departments: Department[]
  users: PlatformUser[]
  onDeleted: () => void
}

export const userOptions = (users: PlatformUser[], inactive: string) =>
  users.map((u) => ({
    value: u.id,
    label: `${u.name} <${u.email}>${u.active ? '' : ` (${inactive})`}`,
  }))

/** One department: rename, move, head, members, delete; each change saved on its own, refusals shown as the server words them. */
export function DepartmentPanel({ department: d, departments, users, onDeleted }: DepartmentPanelProps) {
  const { t } = useT()
  const { message } = App.useApp()
  const [name, setName] = useState(d.name)
  const [adding, setAdding] = useState<string | undefined>()
  const [error, setError] = useState<string | null>(null)
  const change = useDepartmentChange(async (op: () => Promise<unknown>) => op())
  const run = (op: () => Promise<unknown>, after?: () => void) => {
    setError(null)
    change.mutate(op, {
      onSuccess: () => {
        message.success(t('org.saved'))
        after?.()
      },
      onError: (e) => setError(t('org.failed', { message: e.message })),
    })
  }
  const under = subtreeKeys(departments, d.key)
  const people = userOptions(users, t('org.inactive'))
  const userName = (id: string) => users.find((u) => u.id === id)?.name ?? id
  return (
    <Flex vertical gap={12} data-testid="org-department-panel">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {d.name} <Typography.Text code>{d.key}</Typography.Text>
      </Typography.Title>
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} />}
      <Form layout="vertical" component="div">
        <Form.Item label={t('org.name')}>
          <Space.Compact style={{ width: '100%' }}>
            <Input aria-label={t('org.name')} value={name} onChange={(e) => setName(e.target.value)} />
            <Button
              disabled={!name.trim() || name.trim() === d.name}
              onClick={() => run(() => orgApi.updateDepartment(d.key, { name: name.trim() }))}
            >
              {t('org.rename')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Form.Item label={t('org.parent')}>
          <Select
            aria-label={t('org.parent')}
            data-testid="org-parent"
            value={d.parent ?? ''}
            onChange={(parent: string) =>
              run(() => orgApi.updateDepartment(d.key, { parent: parent === '' ? null : parent }))
            }
            options={[
              { value: '', label: t('org.root') },
              ...departments
                .filter((o) => o.key !== d.key)
                .map((o) => ({ value: o.key, label: `${o.name} (${o.key})`, disabled: under.has(o.key) })),
            ]}
          />
        </Form.Item>
        <Form.Item label={t('org.head')}>
          <Select
            aria-label={t('org.head')}
            data-testid="org-head"
            showSearch
            optionFilterProp="label"
            allowClear
            placeholder={t('org.noHead')}
            value={d.head ?? undefined}
            onChange={(head?: string) => run(() => orgApi.updateDepartment(d.key, { head: head ?? null }))}
            options={people}
          />
        </Form.Item>
      </Form>
      <Typography.Text strong>{t('org.members', { n: d.members.length })}</Typography.Text>
      <List
        size="small"
        bordered
        data-testid="org-members"
        dataSource={d.members}
        renderItem={(id) => (
          <List.Item
            actions={[
              <Button
                key="remove"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('org.removeMember', { name: userName(id) })}
                onClick={() => run(() => orgApi.removeMember(d.key, id))}
              />,
            ]}
          >
            {userName(id)}
            {users.find((u) => u.id === id)?.active === false && (
              <Tag style={{ marginLeft: 8 }}>{t('org.inactive')}</Tag>
            )}
          </List.Item>
        )}
      />
      <Space.Compact style={{ width: '100%' }}>
        <Select
          aria-label={t('org.addMember')}
          data-testid="org-add-member"
          showSearch
          optionFilterProp="label"
          placeholder={t('org.pickUser')}
          style={{ width: '100%' }}
          value={adding}
          onChange={setAdding}
          options={people.filter((p) => !d.members.includes(p.value))}
        />
        <Button
          icon={<UserAddOutlined />}
          disabled={!adding}
          onClick={() =>
            adding &&
            run(
              () => orgApi.addMember(d.key, adding),
              () => setAdding(undefined),
            )
          }
        >
          {t('org.addMember')}
        </Button>
      </Space.Compact>
      <Popconfirm
        title={t('org.deleteConfirm', { name: d.name })}
        description={t('org.deleteEmptyOnly')}
        okButtonProps={{ danger: true }}
        onConfirm={() => run(() => orgApi.deleteDepartment(d.key), onDeleted)}
      >
        <Button danger icon={<DeleteOutlined />} style={{ alignSelf: 'flex-start' }}>
          {t('org.delete')}
        </Button>
      </Popconfirm>
    </Flex>
  )
}
