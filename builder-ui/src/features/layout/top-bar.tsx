import {
  AppstoreOutlined,
  BuildOutlined,
  ClusterOutlined,
  InboxOutlined,
  LogoutOutlined,
} from '@ant-design/icons'
import { Badge, Button, Layout, Space } from 'antd'
import { Link, NavLink, useNavigate } from 'react-router'
import { useT } from '../../i18n/i18n-context.js'
import { useLogout, useSession } from '../auth/session-queries.js'
import { useInboxCount } from '../inbox/inbox-queries.js'
import { NotificationBell } from '../notifications/notification-bell.js'
import { badgeOverhang } from './badge-room.js'
import { LanguageSwitch } from './language-switch.js'

/** Apps, inbox with its count, the builder and organisation links (platform admins only), the bell, language, sign out. */
export function TopBar() {
  const { t } = useT()
  const { me } = useSession()
  const inboxCount = useInboxCount()
  const logout = useLogout()
  const navigate = useNavigate()
  return (
    <Layout.Header className="top-bar no-print">
      <Link to="/apps" className="top-bar-brand">
        {t('app.name')}
      </Link>
      <nav className="top-bar-nav" aria-label={t('nav.menu')}>
        <NavLink to="/apps" className="top-bar-link" aria-label={t('nav.apps')}>
          <AppstoreOutlined /> <span className="top-bar-text">{t('nav.apps')}</span>
        </NavLink>
        <NavLink to="/inbox" className="top-bar-link" aria-label={`${t('nav.inbox')} (${inboxCount})`}>
          <Badge count={inboxCount} size="small" offset={[0, -2]}>
            <InboxOutlined style={{ color: 'inherit' }} />
          </Badge>
          {/* the count sits on the icon's corner: the word starts after it, not under it */}
          <span aria-hidden style={{ display: 'inline-block', width: badgeOverhang(inboxCount) }} />
          <span className="top-bar-text">{t('nav.inbox')}</span>
        </NavLink>
        {me?.user.isAdmin && (
          <NavLink
            to="/builder"
            className="top-bar-link"
            data-testid="builder-link"
            aria-label={t('nav.builder')}
          >
            <BuildOutlined /> <span className="top-bar-text">{t('nav.builder')}</span>
          </NavLink>
        )}
        {me?.user.isAdmin && (
          <NavLink
            to="/organisation"
            className="top-bar-link"
            data-testid="organisation-link"
            aria-label={t('nav.organisation')}
          >
            <ClusterOutlined /> <span className="top-bar-text">{t('nav.organisation')}</span>
          </NavLink>
        )}
      </nav>
      <Space className="top-bar-right">
        <NotificationBell />
        <LanguageSwitch />
        <span className="top-bar-user top-bar-text">{me?.user.name}</span>
        <Button
          icon={<LogoutOutlined />}
          aria-label={t('auth.signOut')}
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login') })}
        >
          <span className="top-bar-text">{t('auth.signOut')}</span>
        </Button>
      </Space>
    </Layout.Header>
  )
}
