import { Graph, layout } from '@dagrejs/dagre'
import type { WorkflowDefinition } from '@tessera/schemas'

export interface Point {
  x: number
  y: number
}

export const NODE_WIDTH = 200
export const NODE_HEIGHT = 72

/**
 * Automatic layout of a workflow, left to right in the order records flow (dagre). Returns the
 * top-left corner of each state's node, as React Flow positions nodes. Self-loops are left out:
 * they add no rank and dagre draws them as noise.
 */
export function layoutWorkflow(workflow: WorkflowDefinition): Record<string, Point> {
  const graph = new Graph({ multigraph: true })
  graph.setGraph({ rankdir: 'LR', nodesep: 70, ranksep: 130, marginx: 20, marginy: 20 })
  graph.setDefaultEdgeLabel(() => ({}))
  for (const state of workflow.states) graph.setNode(state.key, { width: NODE_WIDTH, height: NODE_HEIGHT })
  const known = new Set(workflow.states.map((s) => s.key))
  for (const transition of workflow.transitions) {
    for (const from of transition.from) {
      if (from !== transition.to && known.has(from) && known.has(transition.to)) {
        graph.setEdge(from, transition.to, {}, `${transition.key}:${from}`)
      }
    }
  }
  layout(graph)
  const out: Record<string, Point> = {}
  for (const key of graph.nodes()) {
    const node = graph.node(key)
    if (node)
      out[key] = {
        x: Math.round((node.x ?? 0) - NODE_WIDTH / 2),
        y: Math.round((node.y ?? 0) - NODE_HEIGHT / 2),
      }
  }
  return out
}
