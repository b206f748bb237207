import type { FormDefinition, JsonLogic, WorkflowDefinition } from '@tessera/schemas'
import { evaluate } from '@tessera/schemas'
import { Alert, Button, Card, Collapse, Divider, Flex, List, Space, Tag, Timeline, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { FormRenderer } from '../../forms/form-renderer.js'
import type { FormData } from '../../forms/logic/form-logic.js'
import { useDraft } from '../draft/draft-context.js'
import { useSelection } from '../draft/selection-context.js'
import { checkTransitions, fireTransition, timersFor } from './simulate-step.js'

interface Step {
  from: string
  transition: string
  to: string
  effects: string[]
}

/** Steps a record with sample data through the draft workflow: open transitions, why guards are false, timers. */
export function SimulatePanel({
  workflow,
  form,
}: {
  workflow: WorkflowDefinition
  form: FormDefinition | undefined
}) {
  const { t, label } = useT()
  const { draft } = useDraft()
  const { select } = useSelection()
  const [state, setState] = useState(workflow.initial)
  const [data, setData] = useState<FormData>({})
  const [enteredAt, setEnteredAt] = useState(() => new Date())
  const [steps, setSteps] = useState<Step[]>([])
  const run = useMemo(
    () => (logic: JsonLogic, values: Record<string, unknown>) =>
      evaluate(logic, values, { timeZone: draft.timeZone ?? 'UTC' }),
    [draft.timeZone],
  )
  const checks = useMemo(() => checkTransitions(workflow, state, data, run), [workflow, state, data, run])
  const timers = timersFor(workflow, state, enteredAt)
  const current = workflow.states.find((s) => s.key === state)
  const fieldLabel = (key: string) => label(form?.fields.find((f) => f.key === key)?.label, key)
  const stateLabel = (key: string) => label(workflow.states.find((s) => s.key === key)?.label, key)
  const roleLabel = (key: string) => label(draft.roles.find((r) => r.key === key)?.label, key)
  const transitionLabel = (key: string) =>
    label(workflow.transitions.find((tr) => tr.key === key)?.label, key)

  const fire = (key: string) => {
    const transition = workflow.transitions.find((tr) => tr.key === key)
    if (!transition) return
    const result = fireTransition(transition, data, run)
    setSteps([...steps, { from: state, transition: key, to: result.state, effects: result.effects }])
    setData(result.data)
    setState(result.state)
    setEnteredAt(new Date())
  }
  const restart = () => {
    setState(workflow.initial)
    setSteps([])
    setEnteredAt(new Date())
  }
  const show = (value: unknown) =>
    value === undefined || value === '' ? t('builder.sim.empty') : JSON.stringify(value)

  return (
    <Flex vertical gap={12} data-testid="builder-simulate-panel">
      <Flex justify="space-between" align="center">
        <Space>
          <span>{t('builder.sim.state')}:</span>
          <Tag color="blue" data-sim-state={state}>
            {stateLabel(state)}
          </Tag>
          {current?.final && <Tag>{t('builder.sim.final')}</Tag>}
        </Space>
        <Button onClick={restart}>{t('builder.sim.restart')}</Button>
      </Flex>
      <Card size="small" title={t('builder.sim.open')}>
        {checks.length === 0 && (
          <Typography.Text type="secondary">{t('builder.sim.noneOpen')}</Typography.Text>
        )}
        <List
          size="small"
          dataSource={checks}
          renderItem={(check) => {
            const key = check.transition.key
            const blocked = !check.guard.ok || check.missing.length > 0
            return (
              <List.Item
                data-sim-transition={key}
                actions={[
                  <Button
                    key="fire"
                    size="small"
                    type={blocked ? 'default' : 'primary'}
                    disabled={blocked}
                    onClick={() => fire(key)}
                  >
                    {t('builder.sim.fire')}
                  </Button>,
                ]}
              >
                <Flex vertical gap={2}>
                  <Space wrap>
                    <Typography.Link
                      onClick={() => select({ kind: 'transition', workflow: workflow.key, transition: key })}
                    >
                      {label(check.transition.label, key)}
                    </Typography.Link>
                    <span>→ {stateLabel(check.transition.to)}</span>
                    <Tag>
                      {check.system
                        ? t('builder.sim.system')
                        : t('builder.sim.roles', { roles: check.transition.roles.map(roleLabel).join(', ') })}
                    </Tag>
                  </Space>
                  {check.guard.error && (
                    <Typography.Text type="danger">
                      {t('builder.sim.guardError', { message: check.guard.error })}
                    </Typography.Text>
                  )}
                  {!check.guard.ok && !check.guard.error && (
                    <Typography.Text type="danger">
                      {t('builder.sim.guardFalse')}
                      {check.guard.failing.map(({ rule, actual }) => (
                        <span key={`${rule.field}-${rule.operator}`}>
                          {' · '}
                          {t('builder.sim.because', { field: fieldLabel(rule.field), actual: show(actual) })}{' '}
                          ({t(`builder.op.${rule.operator}`)}{' '}
                          {rule.value === undefined ? '' : show(rule.value)})
                        </span>
                      ))}
                    </Typography.Text>
                  )}
                  {check.missing.length > 0 && (
                    <Typography.Text type="warning">
                      {t('builder.sim.missing', { fields: check.missing.map(fieldLabel).join(', ') })}
                    </Typography.Text>
                  )}
                </Flex>
              </List.Item>
            )
          }}
        />
      </Card>
      <Card size="small" title={t('builder.sim.timers')}>
        {timers.length === 0 ? (
          <Typography.Text type="secondary">{t('builder.sim.noTimers')}</Typography.Text>
        ) : (
          timers.map(({ timer, at }) => (
            <Flex key={`${timer.fire}-${timer.after}`} justify="space-between" align="center">
              <span>
                {t('builder.sim.timerAt', {
                  after: timer.after,
                  at: at ? at.toLocaleString() : '?',
                  transition: timer.fire,
                })}
              </span>
              <Button size="small" onClick={() => fire(timer.fire)}>
                {t('builder.sim.fire')}
              </Button>
            </Flex>
          ))
        )}
      </Card>
      <Collapse
        size="small"
        defaultActiveKey={['data']}
        items={[
          {
            key: 'data',
            label: t('builder.sim.data'),
            children: form ? (
              <FormRenderer definition={form} value={data} onChange={setData} app={draft.key} />
            ) : null,
          },
        ]}
      />
      {steps.length > 0 && (
        <>
          <Divider plain>{t('builder.sim.log')}</Divider>
          <Timeline
            items={steps.map((step, i) => ({
              key: i,
              children: `${stateLabel(step.from)} —${transitionLabel(step.transition)}→ ${stateLabel(step.to)}${step.effects.length ? ` (${step.effects.join(', ')})` : ''}`,
            }))}
          />
        </>
      )}
      {!form && <Alert type="warning" message={t('builder.workflow.needForm')} />}
    </Flex>
  )
}
