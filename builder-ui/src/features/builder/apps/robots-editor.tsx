import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { ROBOT_KINDS, type RobotDefinition, type RobotKind } from '@tessera/schemas'
import { Button, Input, Select, Space, Table } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { KEY_PATTERN } from '../logic/key-from-label.js'

/** Only these kinds sign their webhooks with a secret (DingTalk 加签, Feishu 签名校验). */
const SIGNED: ReadonlySet<RobotKind> = new Set(['dingtalk', 'feishu'])
const validUrl = (url: string) => /^https?:\/\/[^\s/:@]+[^\s@]*$/.test(url)

/** The app's chat robots: key, kind, webhook URL, signing secret. Notify actions pick one by key. */
export function RobotsEditor({
  value,
  onChange,
}: {
  value: RobotDefinition[]
  onChange: (robots: RobotDefinition[]) => void
}) {
  const { t } = useT()
  const update = (index: number, robot: RobotDefinition) =>
    onChange(value.map((r, i) => (i === index ? robot : r)))
  const setKind = (index: number, robot: RobotDefinition, kind: RobotKind) => {
    const { secret, ...rest } = robot
    update(index, { ...rest, kind, ...(SIGNED.has(kind) && secret ? { secret } : {}) })
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="builder-robots">
      <Table<RobotDefinition>
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={value}
        locale={{ emptyText: t('builder.robots.empty') }}
        columns={[
          {
            title: t('builder.robots.key'),
            width: 120,
            render: (_, robot, i) => (
              <Input
                aria-label={t('builder.robots.key')}
                value={robot.key}
                status={
                  KEY_PATTERN.test(robot.key) && value.filter((r) => r.key === robot.key).length === 1
                    ? undefined
                    : 'error'
                }
                onChange={(e) => update(i, { ...robot, key: e.target.value })}
              />
            ),
          },
          {
            title: t('builder.robots.kind'),
            width: 120,
            render: (_, robot, i) => (
              <Select
                aria-label={t('builder.robots.kind')}
                style={{ width: '100%' }}
                value={robot.kind}
                onChange={(kind) => setKind(i, robot, kind)}
                options={ROBOT_KINDS.map((k) => ({ value: k, label: t(`builder.robots.kind.${k}`) }))}
              />
            ),
          },
          {
            title: t('builder.robots.url'),
            render: (_, robot, i) => (
              <Input
                aria-label={t('builder.robots.url')}
                value={robot.url}
                placeholder="https://"
                status={validUrl(robot.url) ? undefined : 'error'}
                onChange={(e) => update(i, { ...robot, url: e.target.value })}
              />
            ),
          },
          {
            title: t('builder.robots.secret'),
            width: 150,
            render: (_, robot, i) => (
              <Input.Password
                aria-label={t('builder.robots.secret')}
                disabled={!SIGNED.has(robot.kind)}
                placeholder={
                  SIGNED.has(robot.kind) ? t('builder.robots.secretOptional') : t('builder.robots.noSecret')
                }
                value={robot.secret ?? ''}
                onChange={(e) => {
                  const { secret: _s, ...rest } = robot
                  update(i, e.target.value ? { ...rest, secret: e.target.value } : rest)
                }}
              />
            ),
          },
          {
            width: 40,
            render: (_, _robot, i) => (
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('builder.robots.remove')}
                onClick={() => onChange(value.filter((_r, j) => j !== i))}
              />
            ),
          },
        ]}
      />
      <Button
        size="small"
        icon={<PlusOutlined />}
        data-testid="builder-add-robot"
        onClick={() => {
          let n = value.length + 1
          while (value.some((r) => r.key === `robot_${n}`)) n++
          onChange([...value, { key: `robot_${n}`, kind: 'dingtalk', url: 'https://' }])
        }}
      >
        {t('builder.robots.add')}
      </Button>
    </Space>
  )
}
