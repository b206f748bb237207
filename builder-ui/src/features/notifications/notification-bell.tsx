import { BellOutlined } from '@ant-design/icons'
import { Badge, Button, Empty, List, Popover, Space, Typography } from 'antd'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import type { NotificationItem } from '../../api/wire-types.js'
import { badgeOverhang } from '../layout/badge-room.js'
import { formatDateTime } from '../../i18n/format.js'
import { useT } from '../../i18n/i18n-context.js'
import { useApps } from '../apps/app-queries.js'
import { useMarkRead, useNotifications, useUnreadNotifications } from './notification-queries.js'

/** The bell on the top bar: my unread count, and my notifications in a popover. */
export function NotificationBell() {
  const { t } = useT()
  const [open, setOpen] = useState(false)
  const unread = useUnreadNotifications().data ?? 0
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={<NotificationsHeader unread={unread} />}
      content={<NotificationList open={open} onOpened={() => setOpen(false)} />}
    >
      <Button
        type="text"
        className="top-bar-bell"
        // the count sits on the bell's corner: the button keeps its overhang inside, so "99+" is not
        // drawn under the language switch beside it
        style={{ width: 'auto', paddingInlineEnd: 8 + badgeOverhang(unread), paddingInlineStart: 8 }}
        data-testid="notification-bell"
        aria-label={t('notifications.bell', { count: unread })}
        icon={
          <Badge count={unread} size="small" offset={[0, -2]} data-testid="notification-count">
            <BellOutlined style={{ color: 'inherit', fontSize: 16 }} />
          </Badge>
        }
      />
    </Popover>
  )
}

function NotificationsHeader({ unread }: { unread: number }) {
  const { t } = useT()
  const mark = useMarkRead()
  return (
    <Space style={{ width: '100%', justifyContent: 'space-between' }}>
      <span>{t('notifications.title')}</span>
      <Button
        size="small"
        type="link"
        disabled={unread === 0}
        loading={mark.isPending}
        onClick={() => mark.mutate('all')}
      >
        {t('notifications.readAll')}
      </Button>
    </Space>
  )
}

function NotificationList({ open, onOpened }: { open: boolean; onOpened: () => void }) {
  const { t } = useT()
  const list = useNotifications(open)
  const items = list.data?.pages.flatMap((p) => p.items) ?? []
  if (list.isError) return <Typography.Text type="danger">{t('notifications.loadFailed')}</Typography.Text>
  return (
    <div style={{ width: 360, maxHeight: 420, overflowY: 'auto' }} data-testid="notification-list">
      <List
        loading={list.isPending}
        dataSource={items}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />,
        }}
        renderItem={(n) => <NotificationRow item={n} onOpened={onOpened} />}
      />
      {list.hasNextPage && (
        <Button block type="link" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
          {t('notifications.more')}
        </Button>
      )}
    </div>
  )
}

function NotificationRow({ item, onOpened }: { item: NotificationItem; onOpened: () => void }) {
  const { lang, label } = useT()
  const navigate = useNavigate()
  const mark = useMarkRead()
  // the app by its name, as the app list shows it ("CRM", "客户关系管理"), not its key
  const app = useApps().data?.find((a) => a.key === item.app)
  const lines = item.lines?.[lang] ?? item.lines?.en ?? []
  const open = () => {
    if (!item.readAt) mark.mutate(item.id)
    if (item.recordId) {
      onOpened()
      navigate(`/records/${item.recordId}`)
    }
  }
  return (
    <List.Item
      onClick={open}
      className="notification-item"
      data-testid="notification-item"
      style={{ cursor: 'pointer', fontWeight: item.readAt ? 'normal' : 600, paddingInline: 4 }}
    >
      <List.Item.Meta
        avatar={item.readAt ? <Badge status="default" /> : <Badge status="processing" />}
        title={label(item.message)}
        description={
          <>
            {lines.map((l) => (
              <div key={l}>{l}</div>
            ))}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {label(app?.name, item.app)} · {formatDateTime(item.createdAt, lang)}
            </Typography.Text>
          </>
        }
      />
    </List.Item>
  )
}
