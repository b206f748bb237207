import {
  applyNodeChanges,
  Background,
  type Connection,
  Controls,
  MarkerType,
  MiniMap,
  type NodeChange,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import type { WorkflowDefinition } from '@tessera/schemas'
import { Button, Flex, Space, Typography } from 'antd'
import { ApartmentOutlined, PlusOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { bothLanguages } from '../common/both-languages.js'
import { useDraftActions } from '../draft/draft-context.js'
import { useSelection } from '../draft/selection-context.js'
import { uniqueKey } from '../logic/key-from-label.js'
import { pointerToSelection } from '../logic/pointer-to-selection.js'
import { NODE_WIDTH } from './graph-layout.js'
import { assigneeBadge } from './assignee-badge.js'
import { openingNodes, READABLE_ZOOM } from './opening-view.js'
import { transitionEdges, withoutEdge } from './graph-model.js'
import { type StateNode, StateNodeView } from './state-node.js'
import { type TransitionEdgeType, TransitionEdgeView } from './transition-edge.js'
import { reuseUnchanged } from './reuse-unchanged.js'
import { useNodePositions } from './use-node-positions.js'

const nodeTypes = { state: StateNodeView }
// Opening and after a relayout: fit what can be read, never zoom past 1 on a tiny workflow.
const VIEW = { padding: 0.12, minZoom: READABLE_ZOOM, maxZoom: 1 }
const minimapColor = (node: StateNode) =>
  node.data.initial ? '#3056d3' : node.data.final ? '#52c41a' : node.selected ? '#fa8c16' : '#c9cdd4'
const edgeTypes = { transition: TransitionEdgeView }

/** The workflow as a graph: states are nodes, transitions edges; connect, move, lay out, zoom. */
export function WorkflowGraph({ workflow }: { workflow: WorkflowDefinition }) {
  return (
    <ReactFlowProvider>
      <Graph workflow={workflow} />
    </ReactFlowProvider>
  )
}

function Graph({ workflow }: { workflow: WorkflowDefinition }) {
  const { t, label } = useT()
  const { dispatch, getDraft } = useDraftActions()
  const { selection, select, problems } = useSelection()
  const { positions, move, relayout } = useNodePositions(workflow)
  // The first view only: later edits must not move the admin's viewport.
  const [opening] = useState(() => ({ ...VIEW, nodes: openingNodes(positions, workflow.initial) }))
  const flow = useReactFlow()
  const workflowRef = useRef(workflow)
  workflowRef.current = workflow

  // Mapped when the findings arrive, not per keystroke: they describe the revision that was verified.
  // biome-ignore lint/correctness/useExhaustiveDependencies: getDraft reads the draft the findings came with
  const problemCounts = useMemo(() => {
    const counts = new Map<string, number>()
    const draft = getDraft()
    for (const problem of problems) {
      const target = pointerToSelection(draft, problem.path)
      if ((target.kind === 'state' || target.kind === 'transition') && target.workflow === workflow.key) {
        const id = target.kind === 'state' ? `s:${target.state}` : `t:${target.transition}`
        counts.set(id, (counts.get(id) ?? 0) + 1)
      }
    }
    return counts
  }, [problems, workflow.key])

  const selectedState =
    selection.kind === 'state' && selection.workflow === workflow.key ? selection.state : null
  const selectedTransition =
    selection.kind === 'transition' && selection.workflow === workflow.key ? selection.transition : null
  const badges = useMemo(
    () => ({ initial: t('builder.workflow.initialBadge'), final: t('builder.workflow.finalBadge') }),
    [t],
  )

  const built = useMemo<StateNode[]>(
    () =>
      workflow.states.map((state) => ({
        id: state.key,
        type: 'state',
        position: positions[state.key] ?? { x: 0, y: 0 },
        selected: state.key === selectedState,
        data: {
          title: label(state.label, state.key),
          stateKey: state.key,
          initial: workflow.initial === state.key,
          final: !!state.final,
          problems: problemCounts.get(`s:${state.key}`) ?? 0,
          timers: (workflow.timers ?? [])
            .filter((timer) => timer.state === state.key)
            .map((timer) => timer.after),
          assignee: assigneeBadge(state.assignee, t),
          badges,
        },
      })),
    [workflow, positions, selectedState, problemCounts, label, badges, t],
  )
  // React Flow measures nodes into the node objects; unchanged nodes stay the same object (no
  // redraw), changed ones keep their measurements.
  const [nodes, setNodes] = useState<StateNode[]>(built)
  useEffect(() => {
    setNodes((previous) =>
      reuseUnchanged(previous, built, (old, next) =>
        old.measured ? { ...next, measured: old.measured } : next,
      ),
    )
  }, [built])

  const pick = useCallback(
    (transition: string) => select({ kind: 'transition', workflow: workflow.key, transition }),
    [select, workflow.key],
  )
  const previousEdges = useRef<TransitionEdgeType[]>([])
  const edges = useMemo<TransitionEdgeType[]>(() => {
    const next = transitionEdges(workflow).map((edge): TransitionEdgeType => {
      const transition = workflow.transitions.find((tr) => tr.key === edge.transition)
      return {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        type: 'transition',
        selected: edge.transition === selectedTransition,
        markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
        data: {
          title: label(transition?.label, edge.transition),
          transition: edge.transition,
          problems: problemCounts.get(`t:${edge.transition}`) ?? 0,
          system: transition?.roles.length === 0,
          onPick: pick,
        },
      }
    })
    previousEdges.current = reuseUnchanged(previousEdges.current, next)
    return previousEdges.current
  }, [workflow, selectedTransition, problemCounts, label, pick])

  const onNodesChange = useCallback((changes: NodeChange<StateNode>[]) => {
    // Removals go through the draft (onNodesDelete) so they are undoable; the rest is view state.
    setNodes((current) =>
      applyNodeChanges(
        changes.filter((c) => c.type !== 'remove'),
        current,
      ),
    )
  }, [])
  const onConnect = useCallback(
    (connection: Connection) => {
      if (!connection.source || !connection.target) return
      const current = workflowRef.current
      const key = uniqueKey(
        `${connection.source}_to_${connection.target}`,
        current.transitions.map((tr) => tr.key),
      )
      dispatch({
        type: 'transition/add',
        workflow: current.key,
        transition: {
          key,
          from: [connection.source],
          to: connection.target,
          roles: getDraft().roles.map((r) => r.key),
        },
      })
      select({ kind: 'transition', workflow: current.key, transition: key })
    },
    [dispatch, select, getDraft],
  )
  const addState = () => {
    const taken = workflow.states.map((s) => s.key)
    const key = uniqueKey(`state_${workflow.states.length + 1}`, taken)
    const right = Math.max(0, ...Object.values(positions).map((p) => p.x + NODE_WIDTH + 60))
    const label = bothLanguages('builder.workflow.newState', { n: workflow.states.length + 1 })
    // One undo step: the state and where it sits.
    dispatch({
      type: 'batch',
      actions: [
        { type: 'state/add', workflow: workflow.key, state: { key, label } },
        {
          type: 'workflow/layout',
          workflow: workflow.key,
          states: { [key]: { x: workflow.states.length ? right : 40, y: 80 } },
        },
      ],
    })
    select({ kind: 'state', workflow: workflow.key, state: key })
  }

  return (
    <Flex vertical gap={6} style={{ height: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={6}>
        <Space>
          <Button icon={<PlusOutlined />} onClick={addState} data-testid="builder-add-state">
            {t('builder.workflow.addState')}
          </Button>
          <Button
            icon={<ApartmentOutlined />}
            onClick={() => {
              const placed = relayout()
              window.requestAnimationFrame(() =>
                flow.fitView({ ...VIEW, nodes: openingNodes(placed, workflowRef.current.initial) }),
              )
            }}
          >
            {t('builder.workflow.layout')}
          </Button>
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('builder.workflow.connectHint')}
        </Typography.Text>
      </Flex>
      <div
        style={{
          height: 'calc(100vh - 300px)',
          minHeight: 420,
          border: '1px solid #e5e6eb',
          borderRadius: 8,
        }}
        data-testid="builder-workflow-graph"
      >
        <ReactFlow<StateNode, TransitionEdgeType>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onConnect={onConnect}
          onNodeClick={(_, node) => select({ kind: 'state', workflow: workflow.key, state: node.id })}
          onEdgeClick={(_, edge) => edge.data && pick(edge.data.transition)}
          onPaneClick={() => select({ kind: 'workflow', workflow: workflow.key })}
          onNodeDragStop={(_, _node, dragged) =>
            move(Object.fromEntries(dragged.map((n) => [n.id, n.position])))
          }
          onNodesDelete={(deleted) => {
            for (const node of deleted)
              dispatch({ type: 'state/remove', workflow: workflow.key, state: node.id })
          }}
          onEdgesDelete={(deleted) => {
            for (const edge of deleted) {
              const transition = workflow.transitions.find((tr) => tr.key === edge.data?.transition)
              if (!transition) continue
              const rest = withoutEdge(transition, edge.source)
              dispatch(
                rest
                  ? {
                      type: 'transition/update',
                      workflow: workflow.key,
                      transition: transition.key,
                      patch: { from: rest.from },
                    }
                  : { type: 'transition/remove', workflow: workflow.key, transition: transition.key },
              )
            }
          }}
          deleteKeyCode={['Delete']}
          fitView
          fitViewOptions={opening}
          minZoom={0.1}
          onlyRenderVisibleElements={workflow.states.length > 40}
        >
          <Background gap={16} />
          <Controls />
          <MiniMap
            pannable
            zoomable
            nodeColor={minimapColor}
            nodeStrokeWidth={3}
            ariaLabel={t('builder.workflow.minimap')}
          />
        </ReactFlow>
      </div>
    </Flex>
  )
}
