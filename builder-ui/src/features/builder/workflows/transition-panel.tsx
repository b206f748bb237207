import { DeleteOutlined } from '@ant-design/icons'
import type {
  FormDefinition,
  TransitionDefinition,
  TransitionStyle,
  WorkflowDefinition,
} from '@tessera/schemas'
import { Button, Checkbox, Collapse, Flex, Form, Popconfirm, Segmented, Select, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { KeyInput } from '../common/key-input.js'
import { LabelInput } from '../common/label-input.js'
import { ConditionEditor } from '../conditions/condition-editor.js'
import { useDraft } from '../draft/draft-context.js'
import { useSelection } from '../draft/selection-context.js'
import { ActionsEditor } from './actions-editor.js'

/** One transition: label, key, from/to, roles (or system only), assignee only, guard, requires, actions. */
export function TransitionPanel({
  workflow,
  transition,
  form,
}: {
  workflow: WorkflowDefinition
  transition: TransitionDefinition
  form: FormDefinition | undefined
}) {
  const { t, label } = useT()
  const { draft, dispatch, published } = useDraft()
  const { select } = useSelection()
  const update = (patch: Partial<TransitionDefinition>, coalesce?: string) =>
    dispatch(
      { type: 'transition/update', workflow: workflow.key, transition: transition.key, patch },
      coalesce ? `transition:${workflow.key}:${transition.key}:${coalesce}` : undefined,
    )
  const locked = !!published?.workflows
    ?.find((wf) => wf.key === workflow.key)
    ?.transitions.some((tr) => tr.key === transition.key)
  const states = workflow.states.map((s) => ({ value: s.key, label: label(s.label, s.key) }))
  const fields = form?.fields ?? []
  const systemOnly = transition.roles.length === 0
  return (
    <Flex vertical gap={8} data-testid="builder-transition-panel">
      <Flex justify="space-between" align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('builder.transition.title')}: {label(transition.label, transition.key)}
        </Typography.Title>
        <Popconfirm
          title={t('builder.common.confirmDelete', { name: label(transition.label, transition.key) })}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          onConfirm={() => {
            dispatch({ type: 'transition/remove', workflow: workflow.key, transition: transition.key })
            select({ kind: 'workflow', workflow: workflow.key })
          }}
        >
          <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('builder.transition.delete')} />
        </Popconfirm>
      </Flex>
      <Form layout="vertical" size="small">
        <Form.Item label={t('builder.common.label')}>
          <LabelInput
            name={t('builder.common.label')}
            id="builder-transition-label"
            value={transition.label}
            onChange={(l) => update({ label: l }, 'label')}
          />
        </Form.Item>
        <Form.Item label={t('builder.common.key')}>
          <KeyInput
            id="builder-transition-key"
            value={transition.key}
            locked={locked}
            taken={workflow.transitions.filter((tr) => tr.key !== transition.key).map((tr) => tr.key)}
            onCommit={(key) => {
              update({ key })
              select({ kind: 'transition', workflow: workflow.key, transition: key })
            }}
          />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item label={t('builder.transition.from')} style={{ flex: 1 }}>
            <Select
              mode="multiple"
              value={transition.from}
              onChange={(from) => update({ from })}
              options={states}
            />
          </Form.Item>
          <Form.Item label={t('builder.transition.to')} style={{ flex: 1 }}>
            <Select value={transition.to} onChange={(to) => update({ to })} options={states} />
          </Form.Item>
        </Flex>
        <Form.Item label={t('builder.transition.roles')}>
          <Checkbox
            id="builder-transition-system"
            checked={systemOnly}
            onChange={(e) => update({ roles: e.target.checked ? [] : draft.roles.map((r) => r.key) })}
          >
            {t('builder.transition.systemOnly')}
          </Checkbox>
          {!systemOnly && (
            <div id="builder-transition-roles" style={{ marginTop: 4 }}>
              <Checkbox.Group
                value={transition.roles}
                onChange={(roles) => update({ roles })}
                options={draft.roles.map((r) => ({ value: r.key, label: label(r.label, r.key) }))}
              />
            </div>
          )}
        </Form.Item>
        <Checkbox
          checked={!!transition.assigneeOnly}
          onChange={(e) => update({ assigneeOnly: e.target.checked || undefined })}
        >
          {t('builder.transition.assigneeOnly')}
        </Checkbox>
        {!systemOnly && (
          <Form.Item label={t('builder.transition.style')} style={{ marginTop: 8 }}>
            <Segmented
              id="builder-transition-style"
              value={transition.style ?? 'primary'}
              onChange={(style) =>
                update({ style: style === 'primary' ? undefined : (style as TransitionStyle) })
              }
              options={[
                { value: 'primary', label: t('builder.transition.stylePrimary') },
                { value: 'default', label: t('builder.transition.styleDefault') },
                { value: 'danger', label: t('builder.transition.styleDanger') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item label={t('builder.transition.requires')} style={{ marginTop: 8 }}>
          <Select
            id="builder-transition-requires"
            mode="multiple"
            value={transition.requires ?? []}
            onChange={(requires) => update({ requires: requires.length ? requires : undefined })}
            options={fields.map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
          />
        </Form.Item>
      </Form>
      <Collapse
        size="small"
        defaultActiveKey={['guard', 'actions']}
        items={[
          {
            key: 'guard',
            label: t('builder.transition.guard'),
            children: (
              <ConditionEditor
                id="builder-guard"
                fields={fields}
                value={transition.guard}
                onChange={(guard) => update({ guard })}
              />
            ),
          },
          {
            key: 'actions',
            label: t('builder.transition.actions'),
            children: (
              <ActionsEditor
                form={form}
                value={transition.actions ?? []}
                onChange={(actions, coalesce) =>
                  update({ actions: actions.length ? actions : undefined }, coalesce)
                }
              />
            ),
          },
        ]}
      />
    </Flex>
  )
}
