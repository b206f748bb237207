import type { WorkflowDefinition } from '@tessera/schemas'
import { Form, Select, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { LabelInput } from '../common/label-input.js'
import { useDraft } from '../draft/draft-context.js'

/** The workflow's own settings: label, the form it governs, the initial state. */
export function WorkflowSettings({ workflow }: { workflow: WorkflowDefinition }) {
  const { t, label } = useT()
  const { draft, dispatch, published } = useDraft()
  const isPublished = !!published?.workflows?.some((wf) => wf.key === workflow.key)
  const update = (
    patch: Partial<Pick<WorkflowDefinition, 'label' | 'form' | 'initial'>>,
    coalesce?: string,
  ) => dispatch({ type: 'workflow/update', workflow: workflow.key, patch }, coalesce)
  return (
    <Form layout="vertical" size="small">
      <Typography.Title level={5}>{t('builder.workflow.settings')}</Typography.Title>
      <Typography.Paragraph type="secondary" code>
        {workflow.key}
      </Typography.Paragraph>
      <Form.Item label={t('builder.common.label')}>
        <LabelInput
          name={t('builder.common.label')}
          value={workflow.label}
          onChange={(l) => update({ label: l }, `wf-label:${workflow.key}`)}
        />
      </Form.Item>
      <Form.Item label={t('builder.workflow.form')}>
        <Select
          disabled={isPublished}
          value={workflow.form}
          onChange={(form) => update({ form })}
          options={draft.forms.map((f) => ({ value: f.key, label: label(f.title, f.key) }))}
        />
      </Form.Item>
      <Form.Item label={t('builder.workflow.initial')}>
        <Select
          value={workflow.initial || undefined}
          onChange={(initial) => update({ initial })}
          options={workflow.states.map((s) => ({ value: s.key, label: label(s.label, s.key) }))}
        />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t('builder.workflow.connectHint')}</Typography.Paragraph>
    </Form>
  )
}
