import type { TransitionDefinition, WorkflowDefinition } from '@tessera/schemas'

/** One drawn edge: a transition leaves each of its `from` states, so one transition may be several edges. */
export interface TransitionEdge {
  id: string
  transition: string
  source: string
  target: string
}

export const edgeId = (transition: string, from: string) => `${transition}::${from}`

export function transitionEdges(workflow: WorkflowDefinition): TransitionEdge[] {
  const known = new Set(workflow.states.map((s) => s.key))
  return workflow.transitions.flatMap((t) =>
    t.from
      .filter((from) => known.has(from) && known.has(t.to))
      .map((from) => ({ id: edgeId(t.key, from), transition: t.key, source: from, target: t.to })),
  )
}

/** Removing one drawn edge removes that `from` state; a transition left with none is removed. */
export function withoutEdge(transition: TransitionDefinition, from: string): TransitionDefinition | null {
  const rest = transition.from.filter((key) => key !== from)
  return rest.length ? { ...transition, from: rest } : null
}
