import type { AppDefinition, StateDefinition } from '@tessera/schemas'

/** States the draft drops from a published workflow: their records need a migration map or are flagged. */
export function removedStates(
  published: AppDefinition | null,
  draft: AppDefinition,
): { workflow: string; state: string; remaining: StateDefinition[] }[] {
  const out: { workflow: string; state: string; remaining: StateDefinition[] }[] = []
  for (const before of published?.workflows ?? []) {
    const after = draft.workflows?.find((wf) => wf.key === before.key)
    if (!after) continue
    for (const state of before.states) {
      if (!after.states.some((s) => s.key === state.key))
        out.push({ workflow: before.key, state: state.key, remaining: after.states })
    }
  }
  return out
}
