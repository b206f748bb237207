import { Alert, Spin } from 'antd'
import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { useT } from '../../i18n/i18n-context.js'
import { useSession } from './session-queries.js'

/** Sends the signed-out to /login (remembering where they were); `adminOnly` hides the builder from members. */
export function RequireSession({
  children,
  adminOnly = false,
}: {
  children: ReactNode
  adminOnly?: boolean
}) {
  const { t } = useT()
  const session = useSession()
  const location = useLocation()
  if (session.isPending) return <Spin style={{ display: 'block', margin: '20vh auto' }} />
  if (session.signedOut || !session.me) {
    if (session.isError && !session.signedOut)
      return <Alert type="error" title={t('common.loadFailed', { message: session.error.message })} />
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
  }
  if (adminOnly && !session.me.user.isAdmin) return <Navigate to="/apps" replace />
  return children
}
