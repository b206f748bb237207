import { Graph, layout } from '@dagrejs/dagre'
import type { WorkflowDefinition } from '@tessera/schemas'

export interface Point {
  x: number
  y: number
}

export const NODE_WIDTH = 200
export const NODE_HEIGHT = 72
/** Steps of the flow side by side before the layout starts a new row below (see `wrapRanks`). */
export const RANKS_PER_ROW = 4
const ROW_GAP = 110

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
  const placed: Record<string, Point> = {}
  for (const key of graph.nodes()) {
    const node = graph.node(key)
    if (node)
      placed[key] = {
        x: Math.round((node.x ?? 0) - NODE_WIDTH / 2),
        y: Math.round((node.y ?? 0) - NODE_HEIGHT / 2),
      }
  }
  return wrapRanks(placed, RANKS_PER_ROW)
}

/**
 * A long flow read like text: after `perRow` steps (dagre's ranks, its distinct x), the next
 * steps start a new row below. Laid out in one line, a 60-step chain is 20,000 px wide and only
 * fits the screen at a zoom where no label can be read.
 */
export function wrapRanks(points: Record<string, Point>, perRow: number): Record<string, Point> {
  const columns = [...new Set(Object.values(points).map((p) => p.x))].sort((a, b) => a - b)
  if (columns.length <= perRow) return points
  const rankOf = new Map(columns.map((x, rank) => [x, rank]))
  const rowOf = (p: Point) => Math.floor((rankOf.get(p.x) ?? 0) / perRow)
  // Each row as tall as its own states, the next one ROW_GAP below it.
  const spans: { top: number; bottom: number }[] = []
  for (const p of Object.values(points)) {
    const row = rowOf(p)
    const span = spans[row] ?? { top: p.y, bottom: p.y }
    spans[row] = { top: Math.min(span.top, p.y), bottom: Math.max(span.bottom, p.y) }
  }
  const offsets: number[] = []
  let next = spans[0]?.top ?? 0
  spans.forEach((span, row) => {
    offsets[row] = next - span.top
    next += span.bottom - span.top + NODE_HEIGHT + ROW_GAP
  })
  const out: Record<string, Point> = {}
  for (const [key, p] of Object.entries(points)) {
    const rank = rankOf.get(p.x) ?? 0
    const row = rowOf(p)
    out[key] = { x: columns[rank % perRow] ?? p.x, y: p.y + (offsets[row] ?? 0) }
  }
  return out
}
