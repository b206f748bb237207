import type { TransitionDefinition, WorkflowDefinition } from '@tessera/schemas'

/**
 * The transition a drag from one state to another means: the one a person may fire (roles not
 * empty) from `from` to `to`. None, or a system-only one, means the drop is refused.
 */
export function findTransition(
  workflow: WorkflowDefinition,
  from: string | null,
  to: string,
): TransitionDefinition | undefined {
  if (!from) return undefined
  return workflow.transitions.find((t) => t.to === to && t.from.includes(from) && t.roles.length > 0)
}
