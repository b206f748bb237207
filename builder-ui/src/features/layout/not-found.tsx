import { Button, Result } from 'antd'
import { Link } from 'react-router'
import { useT } from '../../i18n/i18n-context.js'

export function NotFound() {
  const { t } = useT()
  return (
    <Result
      status="404"
      title={t('common.notFound')}
      extra={
        <Link to="/apps">
          <Button>{t('nav.apps')}</Button>
        </Link>
      }
    />
  )
}
