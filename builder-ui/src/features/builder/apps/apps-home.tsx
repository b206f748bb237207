import { ClusterOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Empty, Flex, List, Skeleton, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import type { AppSummary } from '../../../api/wire-types.js'
import { useT } from '../../../i18n/i18n-context.js'
import { useApps } from '../../apps/app-queries.js'
import { MembersDrawer } from './members-drawer.js'
import { NewAppDialog } from './new-app-dialog.js'
import { RenameDialog } from './rename-dialog.js'
import { RolesDialog } from './roles-dialog.js'

/** The server lists apps with `publishedVersion` (null before the first publish). */
const publishedVersion = (app: AppSummary & { publishedVersion?: number | null }) =>
  app.publishedVersion ?? app.version ?? null

type Dialog = { kind: 'new' } | { kind: 'rename' | 'roles' | 'members'; app: AppSummary } | null

/** /builder: the apps a platform admin builds, and the way to a new one. */
export function AppsHome() {
  const { t, label } = useT()
  const apps = useApps()
  const [dialog, setDialog] = useState<Dialog>(null)
  const navigate = useNavigate()
  const close = () => setDialog(null)
  return (
    <Card
      title={t('builder.home.title')}
      extra={
        <Space>
          <Button icon={<ClusterOutlined />} onClick={() => navigate('/organisation')}>
            {t('builder.home.organisation')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'new' })}>
            {t('builder.home.newApp')}
          </Button>
        </Space>
      }
    >
      {apps.isPending && <Skeleton active />}
      {apps.isError && (
        <Alert type="error" message={t('common.loadFailed', { message: apps.error.message })} />
      )}
      {apps.data && apps.data.length === 0 && <Empty description={t('builder.home.empty')} />}
      {apps.data && apps.data.length > 0 && (
        <List
          dataSource={apps.data}
          rowKey="key"
          renderItem={(app) => (
            <List.Item
              data-testid={`builder-app-${app.key}`}
              actions={[
                <Link key="open" to={`/builder/${encodeURIComponent(app.key)}`}>
                  {t('builder.home.open')}
                </Link>,
                <Button key="rename" type="link" onClick={() => setDialog({ kind: 'rename', app })}>
                  {t('builder.home.rename')}
                </Button>,
                <Button key="roles" type="link" onClick={() => setDialog({ kind: 'roles', app })}>
                  {t('builder.home.roles')}
                </Button>,
                <Button key="members" type="link" onClick={() => setDialog({ kind: 'members', app })}>
                  {t('builder.home.members')}
                </Button>,
              ]}
            >
              <Flex vertical>
                <Space>
                  <Typography.Text strong>{label(app.name, app.key)}</Typography.Text>
                  {publishedVersion(app) ? (
                    <Tag color="blue">
                      {t('builder.home.version', { version: publishedVersion(app) ?? 0 })}
                    </Tag>
                  ) : (
                    <Tag>{t('builder.home.unpublished')}</Tag>
                  )}
                </Space>
                <Typography.Text type="secondary" code>
                  {app.key}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {dialog?.kind === 'new' && <NewAppDialog taken={(apps.data ?? []).map((a) => a.key)} onClose={close} />}
      {dialog?.kind === 'rename' && <RenameDialog app={dialog.app} onClose={close} />}
      {dialog?.kind === 'roles' && <RolesDialog app={dialog.app} onClose={close} />}
      {dialog?.kind === 'members' && <MembersDrawer app={dialog.app} onClose={close} />}
    </Card>
  )
}
