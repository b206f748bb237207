import { DeleteOutlined, PlayCircleOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons'
import type { WorkflowDefinition } from '@tessera/schemas'
import { Button, Popconfirm, Select, Space, Tooltip } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { bothLanguages } from '../common/both-languages.js'
import { useDraft } from '../draft/draft-context.js'
import { useSelection } from '../draft/selection-context.js'
import { uniqueKey } from '../logic/key-from-label.js'

/** Which workflow the designer shows; add one for a form, configure, delete, simulate. */
export function WorkflowPicker({
  workflow,
  onSimulate,
}: {
  workflow: WorkflowDefinition | undefined
  onSimulate: () => void
}) {
  const { t, label } = useT()
  const { draft, dispatch, published } = useDraft()
  const { select } = useSelection()
  const workflows = draft.workflows ?? []
  const firstForm = draft.forms.find((f) => !workflows.some((wf) => wf.form === f.key)) ?? draft.forms[0]
  const add = () => {
    if (!firstForm) return
    const key = uniqueKey(
      `${firstForm.key}_flow`,
      workflows.map((wf) => wf.key),
    )
    dispatch({
      type: 'workflow/add',
      workflow: {
        key,
        label: bothLanguages('builder.workflow.newLabel'),
        form: firstForm.key,
        initial: '',
        states: [],
        transitions: [],
        timers: [],
      },
    })
    select({ kind: 'workflow', workflow: key })
  }
  const isPublished = !!workflow && !!published?.workflows?.some((wf) => wf.key === workflow.key)
  return (
    <Space wrap>
      {workflow && (
        <Select
          aria-label={t('builder.workflow.select')}
          style={{ minWidth: 220 }}
          value={workflow.key}
          onChange={(key) => select({ kind: 'workflow', workflow: key })}
          options={workflows.map((wf) => ({
            value: wf.key,
            label: `${label(wf.label, wf.key)} (${wf.key})`,
          }))}
        />
      )}
      {workflow && (
        <Tooltip title={t('builder.workflow.settings')}>
          <Button
            aria-label={t('builder.workflow.settings')}
            icon={<SettingOutlined />}
            onClick={() => select({ kind: 'workflow', workflow: workflow.key })}
          />
        </Tooltip>
      )}
      <Button icon={<PlusOutlined />} onClick={add} disabled={!firstForm}>
        {t('builder.workflow.add')}
      </Button>
      {workflow && (
        <Button icon={<PlayCircleOutlined />} onClick={onSimulate} data-testid="builder-simulate">
          {t('builder.workflow.simulate')}
        </Button>
      )}
      {workflow && !isPublished && (
        <Popconfirm
          title={t('builder.common.confirmDelete', { name: label(workflow.label, workflow.key) })}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          onConfirm={() => {
            dispatch({ type: 'workflow/remove', workflow: workflow.key })
            select({ kind: 'app' })
          }}
        >
          <Button danger aria-label={t('builder.workflow.remove')} icon={<DeleteOutlined />} />
        </Popconfirm>
      )}
    </Space>
  )
}
