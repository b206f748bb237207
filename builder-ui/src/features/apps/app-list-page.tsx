import { Alert, Card, Empty, Skeleton, Typography } from 'antd'
import { useT } from '../../i18n/i18n-context.js'
import { useApp, useApps } from './app-queries.js'
import { AppLinks } from './app-links.js'

/** Every app the user may open, each with its forms, boards, imports and dashboards. */
export function AppListPage() {
  const { t } = useT()
  const apps = useApps()
  if (apps.isPending) return <Skeleton active />
  if (apps.isError)
    return <Alert type="error" title={t('common.loadFailed', { message: apps.error.message })} />
  if (apps.data.length === 0) return <Empty description={t('apps.empty')} />
  return (
    <div className="page">
      <Typography.Title level={2}>{t('apps.title')}</Typography.Title>
      <div className="app-cards">
        {apps.data.map((a) => (
          <AppCard key={a.key} appKey={a.key} />
        ))}
      </div>
    </div>
  )
}

function AppCard({ appKey }: { appKey: string }) {
  const { t, label } = useT()
  const app = useApp(appKey)
  if (app.isPending) return <Card loading />
  if (app.isError) return <Card title={appKey}>{t('common.loadFailed', { message: app.error.message })}</Card>
  return (
    <Card title={label(app.data.definition.name, appKey)} className="app-card">
      <AppLinks appKey={appKey} definition={app.data.definition} />
    </Card>
  )
}
