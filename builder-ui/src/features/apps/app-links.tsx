import type { AppDefinition } from '@tessera/schemas'
import { Space, Typography } from 'antd'
import { Link } from 'react-router'
import { useT } from '../../i18n/i18n-context.js'
import { formPermissions, useAppSubject } from '../records/use-bulk-permission.js'

const enc = encodeURIComponent

/**
 * Links into one app: per form its records, new, kanban (when a workflow governs it), import; then
 * dashboards. New and Import only for who may (the rules the records page and the server use).
 */
export function AppLinks({ appKey, definition }: { appKey: string; definition: AppDefinition }) {
  const { t, label } = useT()
  const base = `/apps/${enc(appKey)}`
  const who = useAppSubject(appKey)
  return (
    <div className="app-links">
      {definition.forms.map((f) => {
        const hasFlow = definition.workflows?.some((w) => w.form === f.key)
        const may = formPermissions(f, who)
        return (
          <div key={f.key} className="app-form-row">
            <Link to={`${base}/forms/${enc(f.key)}`} className="app-form-title">
              {label(f.title, f.key)}
            </Link>
            <Space size="small" wrap>
              {may.creating && <Link to={`${base}/forms/${enc(f.key)}/new`}>{t('apps.new')}</Link>}
              {hasFlow && <Link to={`${base}/kanban/${enc(f.key)}`}>{t('apps.kanban')}</Link>}
              {may.importing && <Link to={`${base}/import/${enc(f.key)}`}>{t('apps.import')}</Link>}
            </Space>
          </div>
        )
      })}
      {(definition.dashboards ?? []).length > 0 && (
        <div className="app-dashboards">
          <Typography.Text type="secondary">{t('apps.dashboards')}: </Typography.Text>
          <Space wrap>
            {definition.dashboards?.map((d) => (
              <Link key={d.key} to={`${base}/dashboards/${enc(d.key)}`}>
                {label(d.title, d.key)}
              </Link>
            ))}
          </Space>
        </div>
      )}
    </div>
  )
}
