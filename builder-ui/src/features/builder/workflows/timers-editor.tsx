import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import type { StateDefinition, WorkflowDefinition } from '@tessera/schemas'
import { Button, Flex, Select, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { useDraftActions } from '../draft/draft-context.js'
import { DurationPicker } from './duration-picker.js'

/** The SLA timers armed when a record enters this state: after a duration, fire a transition. */
export function TimersEditor({ workflow, state }: { workflow: WorkflowDefinition; state: StateDefinition }) {
  const { t, label } = useT()
  const { dispatch } = useDraftActions()
  const all = workflow.timers ?? []
  const leaving = workflow.transitions.filter((tr) => tr.from.includes(state.key))
  const set = (timers: typeof all, coalesce?: string) =>
    dispatch({ type: 'timers/set', workflow: workflow.key, timers }, coalesce)
  const mine = all.map((timer, index) => ({ timer, index })).filter(({ timer }) => timer.state === state.key)
  return (
    <Flex vertical gap={6} data-testid="builder-timers">
      {mine.map(({ timer, index }) => (
        <Flex
          key={index}
          vertical
          gap={4}
          style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 6 }}
        >
          <Flex justify="space-between" align="center">
            <Typography.Text>{t('builder.timer.after')}</Typography.Text>
            <Button
              size="small"
              type="text"
              danger
              aria-label={t('builder.common.remove')}
              icon={<DeleteOutlined />}
              onClick={() => set(all.filter((_, i) => i !== index))}
            />
          </Flex>
          <DurationPicker
            value={timer.after}
            onChange={(after) =>
              set(
                all.map((x, i) => (i === index ? { ...x, after } : x)),
                `timer-after:${index}`,
              )
            }
          />
          <Select
            size="small"
            aria-label={t('builder.timer.fire')}
            placeholder={t('builder.timer.fire')}
            value={timer.fire || undefined}
            onChange={(fire) => set(all.map((x, i) => (i === index ? { ...x, fire } : x)))}
            options={leaving.map((tr) => ({ value: tr.key, label: `${label(tr.label, tr.key)} → ${tr.to}` }))}
          />
        </Flex>
      ))}
      {leaving.length === 0 ? (
        <Typography.Text type="secondary">{t('builder.timer.noTransition')}</Typography.Text>
      ) : (
        <Button
          size="small"
          icon={<PlusOutlined />}
          style={{ alignSelf: 'flex-start' }}
          onClick={() => set([...all, { state: state.key, after: 'PT24H', fire: leaving[0]?.key ?? '' }])}
        >
          {t('builder.timer.add')}
        </Button>
      )}
    </Flex>
  )
}
