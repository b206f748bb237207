import { App, Button, Table, Tag } from 'antd'
import { useT } from '../../i18n/i18n-context.js'
import { useSession } from '../auth/session-queries.js'
import { type Department, orgApi, type PlatformUser } from './org-api.js'
import { useSetActive } from './org-queries.js'

interface PeopleTableProps {
  users: PlatformUser[]
  departments: Department[]
  loading: boolean
}

/** Every platform user, their departments, and deactivate/reactivate (a confirm first says how much work they hold). */
export function PeopleTable({ users, departments, loading }: PeopleTableProps) {
  const { t } = useT()
  const { modal, message } = App.useApp()
  const { me } = useSession()
  const setActive = useSetActive()

  const deactivate = async (u: PlatformUser) => {
    let open: number
    try {
      open = (await orgApi.openWork(u.id)).length
    } catch (e) {
      message.error(t('org.openWorkFailed', { message: (e as Error).message }))
      return
    }
    modal.confirm({
      title: t('org.deactivateTitle', { name: u.name }),
      content:
        open > 0
          ? t('org.deactivateBody', { name: u.name, n: open })
          : t('org.deactivateBodyNone', { name: u.name }),
      okText: t('org.deactivate'),
      okButtonProps: { danger: true },
      onOk: () =>
        setActive
          .mutateAsync({ id: u.id, active: false })
          .then(() => message.success(t('org.deactivated', { name: u.name })))
          .catch((e: Error) => message.error(t('org.failed', { message: e.message }))),
    })
  }
  const reactivate = (u: PlatformUser) =>
    setActive
      .mutateAsync({ id: u.id, active: true })
      .then(() => message.success(t('org.reactivated', { name: u.name })))
      .catch((e: Error) => message.error(t('org.failed', { message: e.message })))

  return (
    <Table<PlatformUser>
      size="small"
      rowKey="id"
      data-testid="org-people"
      loading={loading}
      dataSource={users}
      pagination={users.length > 50 ? { pageSize: 50 } : false}
      columns={[
        { title: t('org.user'), render: (_, u) => `${u.name} <${u.email}>` },
        {
          title: t('org.userDepartments'),
          render: (_, u) =>
            departments
              .filter((d) => d.members.includes(u.id) || d.head === u.id)
              .map((d) => (
                <Tag key={d.key} color={d.head === u.id ? 'geekblue' : undefined}>
                  {d.name}
                  {d.head === u.id ? ` · ${t('org.head')}` : ''}
                </Tag>
              )),
        },
        {
          title: t('org.status'),
          render: (_, u) =>
            u.active ? <Tag>{t('org.active')}</Tag> : <Tag color="red">{t('org.inactive')}</Tag>,
        },
        {
          width: 130,
          render: (_, u) =>
            u.id === me?.user.id ? (
              <Tag>{t('org.you')}</Tag>
            ) : u.active ? (
              <Button
                size="small"
                danger
                data-testid={`org-deactivate-${u.email}`}
                onClick={() => void deactivate(u)}
              >
                {t('org.deactivate')}
              </Button>
            ) : (
              <Button
                size="small"
                data-testid={`org-reactivate-${u.email}`}
                onClick={() => void reactivate(u)}
              >
                {t('org.reactivate')}
              </Button>
            ),
        },
      ]}
    />
  )
}
