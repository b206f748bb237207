import { DeleteOutlined } from '@ant-design/icons'
import type { FormDefinition, StateDefinition, WorkflowDefinition } from '@tessera/schemas'
import { Button, Checkbox, Collapse, Flex, Form, Popconfirm, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { KeyInput } from '../common/key-input.js'
import { LabelInput } from '../common/label-input.js'
import { useDraft } from '../draft/draft-context.js'
import { useSelection } from '../draft/selection-context.js'
import { ApprovalEditor } from './approval-editor.js'
import { AssigneeEditor } from './assignee-editor.js'
import { PermissionMatrix } from './permission-matrix.js'
import { TimersEditor } from './timers-editor.js'

/** One state: label, key, final, initial; assignee, approval, field permissions, SLA timers. */
export function StatePanel({
  workflow,
  state,
  form,
}: {
  workflow: WorkflowDefinition
  state: StateDefinition
  form: FormDefinition | undefined
}) {
  const { t, label } = useT()
  const { draft, dispatch, published } = useDraft()
  const { select } = useSelection()
  const update = (patch: Partial<StateDefinition>, coalesce?: string) =>
    dispatch(
      { type: 'state/update', workflow: workflow.key, state: state.key, patch },
      coalesce ? `state:${workflow.key}:${state.key}:${coalesce}` : undefined,
    )
  const locked = !!published?.workflows
    ?.find((wf) => wf.key === workflow.key)
    ?.states.some((s) => s.key === state.key)
  const isInitial = workflow.initial === state.key
  return (
    <Flex vertical gap={8} data-testid="builder-state-panel">
      <Flex justify="space-between" align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('builder.state.title')}: {label(state.label, state.key)}
        </Typography.Title>
        <Popconfirm
          title={t('builder.common.confirmDelete', { name: label(state.label, state.key) })}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          onConfirm={() => {
            dispatch({ type: 'state/remove', workflow: workflow.key, state: state.key })
            select({ kind: 'workflow', workflow: workflow.key })
          }}
        >
          <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('builder.state.delete')} />
        </Popconfirm>
      </Flex>
      <Form layout="vertical" size="small">
        <Form.Item label={t('builder.common.label')}>
          <LabelInput
            name={t('builder.common.label')}
            id="builder-state-label"
            value={state.label}
            onChange={(l) => update({ label: l }, 'label')}
          />
        </Form.Item>
        <Form.Item label={t('builder.common.key')}>
          <KeyInput
            id="builder-state-key"
            value={state.key}
            locked={locked}
            taken={workflow.states.filter((s) => s.key !== state.key).map((s) => s.key)}
            onCommit={(key) => {
              update({ key })
              select({ kind: 'state', workflow: workflow.key, state: key })
            }}
          />
        </Form.Item>
        <Flex vertical gap={4}>
          <Checkbox
            id="builder-state-final"
            checked={!!state.final}
            onChange={(e) => update({ final: e.target.checked || undefined })}
          >
            {t('builder.state.final')}
          </Checkbox>
          {isInitial ? (
            <Typography.Text type="secondary">{t('builder.state.isInitial')}</Typography.Text>
          ) : (
            <Button
              size="small"
              style={{ alignSelf: 'flex-start' }}
              onClick={() =>
                dispatch({ type: 'workflow/update', workflow: workflow.key, patch: { initial: state.key } })
              }
            >
              {t('builder.state.makeInitial')}
            </Button>
          )}
        </Flex>
      </Form>
      <Collapse
        size="small"
        defaultActiveKey={['assignee', 'timers']}
        items={[
          {
            key: 'assignee',
            label: t('builder.state.assignee'),
            children: (
              <AssigneeEditor
                form={form}
                value={state.assignee}
                onChange={(assignee) => update({ assignee }, 'assignee')}
              />
            ),
          },
          {
            key: 'approval',
            label: t('builder.state.approval'),
            children: (
              <ApprovalEditor
                workflow={workflow}
                state={state.key}
                value={state.approval}
                onChange={(approval) => update({ approval })}
              />
            ),
          },
          {
            key: 'permissions',
            label: t('builder.state.permissions'),
            children: form ? (
              <PermissionMatrix
                form={form}
                roles={draft.roles}
                value={state.fields}
                onChange={(fields) => update({ fields })}
              />
            ) : null,
          },
          {
            key: 'timers',
            label: t('builder.state.timers'),
            children: <TimersEditor workflow={workflow} state={state} />,
          },
        ]}
      />
    </Flex>
  )
}
