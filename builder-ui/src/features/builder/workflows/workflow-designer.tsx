import type { WorkflowDefinition } from '@tessera/schemas'
import { Card, Drawer, Empty } from 'antd'
import { useState } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { useDraftSelector } from '../draft/draft-context.js'
import { useSelection } from '../draft/selection-context.js'
import { SimulatePanel } from '../simulate/simulate-panel.js'
import { StatePanel } from './state-panel.js'
import { TransitionPanel } from './transition-panel.js'
import { WorkflowGraph } from './workflow-graph.js'
import { WorkflowPicker } from './workflow-picker.js'
import { WorkflowSettings } from './workflow-settings.js'

const NO_WORKFLOWS: WorkflowDefinition[] = []

/** Workflows tab: the graph of states and transitions, and the panel of what is selected. */
export function WorkflowDesigner() {
  const { t } = useT()
  const forms = useDraftSelector((s) => s.history.present.forms)
  const workflows = useDraftSelector((s) => s.history.present.workflows) ?? NO_WORKFLOWS
  const { selection } = useSelection()
  const [simulating, setSimulating] = useState(false)
  const selectedKey = 'workflow' in selection ? selection.workflow : undefined
  const workflow = workflows.find((wf) => wf.key === selectedKey) ?? workflows[0]
  const form = workflow ? forms.find((f) => f.key === workflow.form) : undefined
  if (!workflow) {
    return (
      <Card>
        <Empty description={forms.length ? t('builder.workflow.none') : t('builder.workflow.needForm')}>
          <WorkflowPicker workflow={undefined} onSimulate={() => {}} />
        </Empty>
      </Card>
    )
  }
  const state =
    selection.kind === 'state' && selection.workflow === workflow.key
      ? workflow.states.find((s) => s.key === selection.state)
      : undefined
  const transition =
    selection.kind === 'transition' && selection.workflow === workflow.key
      ? workflow.transitions.find((tr) => tr.key === selection.transition)
      : undefined
  return (
    <>
      <WorkflowPicker workflow={workflow} onSimulate={() => setSimulating(true)} />
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'minmax(0, 1fr) 420px',
          gap: 12,
          marginTop: 8,
          alignItems: 'start',
        }}
      >
        <WorkflowGraph workflow={workflow} />
        <Card size="small" styles={{ body: { maxHeight: 'calc(100vh - 240px)', overflow: 'auto' } }}>
          {state ? (
            <StatePanel workflow={workflow} state={state} form={form} />
          ) : transition ? (
            <TransitionPanel workflow={workflow} transition={transition} form={form} />
          ) : (
            <WorkflowSettings workflow={workflow} />
          )}
        </Card>
      </div>
      <Drawer
        open={simulating}
        size={560}
        title={t('builder.sim.title')}
        onClose={() => setSimulating(false)}
        mask={false}
        destroyOnHidden
      >
        <SimulatePanel workflow={workflow} form={form} />
      </Drawer>
    </>
  )
}
