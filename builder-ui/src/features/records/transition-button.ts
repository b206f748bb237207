import type { TransitionStyle, WorkflowDefinition } from '@tessera/schemas'

/** The style a workflow gives one of its transitions' buttons, if any. */
export const styleOf = (workflow: WorkflowDefinition | undefined, key: string): TransitionStyle | undefined =>
  workflow?.transitions.find((t) => t.key === key)?.style

/**
 * A transition button as the definition asks: `danger` red, `default` plain, else primary while its
 * guard holds (a false guard leaves it plain, with the reason in its tooltip).
 */
export function transitionButton(
  style: TransitionStyle | undefined,
  guardOk: boolean,
): { type: 'primary' | 'default'; danger: boolean } {
  if (style === 'danger') return { type: 'default', danger: true }
  if (style === 'default' || !guardOk) return { type: 'default', danger: false }
  return { type: 'primary', danger: false }
}
