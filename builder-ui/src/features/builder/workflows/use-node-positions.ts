import type { WorkflowDefinition } from '@tessera/schemas'
import { useCallback, useMemo } from 'react'
import { useDraftActions } from '../draft/draft-context.js'
import { layoutWorkflow, type Point } from './graph-layout.js'

const NO_POSITIONS: Record<string, Point> = {}

/** What the automatic layout depends on: the states and the edges, not their labels or panels. */
export function structureSignature(workflow: WorkflowDefinition): string {
  const states = workflow.states.map((s) => s.key).join(',')
  const edges = workflow.transitions.map((t) => `${t.from.join('+')}>${t.to}`).join(',')
  return `${states}|${edges}`
}

/**
 * Where each state's node sits. The admin's arrangement is kept in the workflow's `layout`, so it
 * travels with the draft (another admin, another browser, publish and restore see the same
 * graph) and moving a node is an edit that undo takes back. States never placed get the automatic
 * layout, which is computed only when one is missing and only from the graph's structure: typing
 * a state's label does not run dagre on a 60-state workflow.
 */
export function useNodePositions(workflow: WorkflowDefinition) {
  const { dispatch } = useDraftActions()
  const saved = workflow.layout?.states ?? NO_POSITIONS
  const missing = workflow.states.some((state) => !saved[state.key])
  const signature = structureSignature(workflow)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the layout follows the structure (signature), not every edit of the workflow
  const auto = useMemo(() => (missing ? layoutWorkflow(workflow) : NO_POSITIONS), [missing, signature])
  const positions = useMemo(() => {
    const out: Record<string, Point> = {}
    for (const state of workflow.states)
      out[state.key] = saved[state.key] ?? auto[state.key] ?? { x: 0, y: 0 }
    return out
  }, [workflow.states, saved, auto])
  // A move keeps every node where it is drawn now, not only the moved one: the automatic places of
  // the others would shift when a transition is added, and the admin arranged the graph as seen.
  const move = useCallback(
    (moved: Record<string, Point>) =>
      dispatch({
        type: 'workflow/layout',
        workflow: workflow.key,
        states: roundAll({ ...positions, ...moved }),
      }),
    [dispatch, workflow.key, positions],
  )
  /** Lays the whole workflow out again (one undo step) and returns where the states now sit. */
  const relayout = useCallback(() => {
    const states = layoutWorkflow(workflow)
    dispatch({ type: 'workflow/layout', workflow: workflow.key, states, replace: true })
    return states
  }, [dispatch, workflow])
  return { positions, move, relayout }
}

// Whole pixels: the definition stays readable and a drag of a fraction of a pixel is no change.
function roundAll(points: Record<string, Point>): Record<string, Point> {
  return Object.fromEntries(
    Object.entries(points).map(([key, p]) => [key, { x: Math.round(p.x), y: Math.round(p.y) }]),
  )
}
