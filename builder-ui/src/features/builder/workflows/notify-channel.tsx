import type { NotifyAction, NotifyChannel } from '@tessera/schemas'
import { Flex, Select } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { useDraft } from '../draft/draft-context.js'

const CHANNELS: readonly NotifyChannel[] = ['inapp', 'email', 'robot']

/** A notify's channel, and on the robot channel which of the app's robots (App settings > Robots). */
export function NotifyChannelPicker({
  action,
  onChange,
}: {
  action: NotifyAction
  onChange: (action: NotifyAction) => void
}) {
  const { t, label } = useT()
  const { draft } = useDraft()
  const channel = action.channel ?? 'inapp'
  const robots = draft.robots ?? []
  const setChannel = (next: NotifyChannel) => {
    const { channel: _c, robot: _r, to, ...rest } = action
    // people channels need recipients; a robot posts to its group and has none
    const people = { ...rest, to: to ?? { role: '' } }
    if (next === 'inapp') return onChange(people)
    if (next === 'email') return onChange({ ...people, channel: next })
    // the one robot there is, or the one chosen before
    const robot = action.robot ?? (robots.length === 1 ? robots[0]?.key : undefined)
    onChange({ ...rest, channel: next, ...(robot ? { robot } : {}) })
  }
  return (
    <Flex gap={4} wrap>
      <Select
        size="small"
        style={{ minWidth: 140 }}
        aria-label={t('builder.notify.channel')}
        data-testid="notify-channel"
        value={channel}
        onChange={setChannel}
        options={CHANNELS.map((c) => ({ value: c, label: t(`builder.notify.channel.${c}`) }))}
      />
      {channel === 'robot' && (
        <Select
          size="small"
          style={{ minWidth: 160 }}
          aria-label={t('builder.notify.robot')}
          data-testid="notify-robot"
          placeholder={robots.length ? t('builder.notify.robot') : t('builder.notify.noRobots')}
          status={action.robot ? undefined : 'error'}
          value={action.robot}
          onChange={(robot) => onChange({ ...action, robot })}
          options={robots.map((r) => ({ value: r.key, label: `${label(r.label, r.key)} (${r.kind})` }))}
        />
      )}
    </Flex>
  )
}
