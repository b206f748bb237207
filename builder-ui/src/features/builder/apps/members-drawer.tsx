import { PlusOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Drawer, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import type { AppSummary } from '../../../api/wire-types.js'
import { type BuilderMember, memberEmail, memberName } from '../builder-api.js'
import { useT } from '../../../i18n/i18n-context.js'
import { draftQuery, useBuilderMembers, useUsers } from '../builder-queries.js'
import { MemberForm } from './member-form.js'

/** The members of an app with their roles and attributes (region, manager). */
export function MembersDrawer({ app, onClose }: { app: AppSummary; onClose: () => void }) {
  const { t, label } = useT()
  const members = useBuilderMembers(app.key)
  const users = useUsers()
  const draft = useQuery(draftQuery(app.key))
  const [editing, setEditing] = useState<BuilderMember | 'new' | null>(null)
  const roles = draft.data?.definition.roles ?? []
  const userName = (id: unknown) => users.data?.find((u) => u.id === id)?.name ?? String(id)
  const failed = members.error ?? users.error
  return (
    <Drawer
      open
      size={760}
      title={t('builder.members.title', { name: label(app.name, app.key) })}
      onClose={onClose}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {failed && <Alert type="error" message={t('common.loadFailed', { message: failed.message })} />}
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('builder.members.add')}
        </Button>
        <Table<BuilderMember>
          size="small"
          rowKey="userId"
          loading={members.isPending}
          dataSource={members.data ?? []}
          pagination={false}
          columns={[
            {
              title: t('builder.members.user'),
              render: (_, m) => `${memberName(m)}${memberEmail(m) ? ` <${memberEmail(m)}>` : ''}`,
            },
            {
              title: t('builder.members.roles'),
              render: (_, m) =>
                m.roles.map((r) => (
                  <Tag key={r}>{label(roles.find((role) => role.key === r)?.label, r)}</Tag>
                )),
            },
            { title: t('builder.members.region'), render: (_, m) => String(m.attributes?.region ?? '') },
            {
              title: t('builder.members.manager'),
              render: (_, m) => (m.attributes?.manager ? userName(m.attributes.manager) : ''),
            },
            {
              width: 80,
              render: (_, m) => (
                <Button type="link" onClick={() => setEditing(m)}>
                  {t('builder.members.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Space>
      {editing && (
        <MemberForm
          app={app.key}
          member={editing === 'new' ? null : editing}
          users={users.data ?? []}
          roles={roles}
          onClose={() => setEditing(null)}
        />
      )}
    </Drawer>
  )
}
