import type {
  AppDefinition,
  AutomationDefinition,
  AutomationTrigger,
  AutomationTriggerKind,
} from '@tessera/schemas'

export const TRIGGER_KINDS: readonly AutomationTriggerKind[] = [
  'created',
  'changed',
  'entered',
  'schedule',
  'webhook',
]

/** A fresh webhook secret: 32 random bytes as hex (the runtime compares it to `x-tessera-secret`). */
export function generateSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** A trigger of `kind` that already names the app's first form, workflow and state, so it verifies. */
export function blankTrigger(kind: AutomationTriggerKind, draft: AppDefinition): AutomationTrigger {
  const form = draft.forms[0]?.key ?? ''
  const workflow = draft.workflows?.[0]
  switch (kind) {
    case 'created':
      return { on: kind, form }
    case 'changed':
      return { on: kind, form }
    case 'entered':
      return { on: kind, workflow: workflow?.key ?? '', state: workflow?.states[0]?.key ?? '' }
    case 'schedule':
      return { on: kind, cron: '0 9 * * 1' }
    case 'webhook':
      return { on: kind, secret: generateSecret() }
  }
}

/** `base`, or `base_2`, `base_3`… whichever no automation has yet. */
export function freeKey(list: readonly AutomationDefinition[], base: string): string {
  const taken = new Set(list.map((a) => a.key))
  if (!taken.has(base)) return base
  let n = 2
  while (taken.has(`${base}_${n}`)) n++
  return `${base}_${n}`
}

/** The form whose records the trigger hands to the condition and actions (none for a webhook). */
export function triggerForm(draft: AppDefinition, trigger: AutomationTrigger): string | undefined {
  switch (trigger.on) {
    case 'created':
    case 'changed':
      return trigger.form
    case 'entered':
      return draft.workflows?.find((wf) => wf.key === trigger.workflow)?.form
    case 'schedule':
      return trigger.each?.form
    case 'webhook':
      return undefined
  }
}

export function addAutomation(
  list: readonly AutomationDefinition[],
  kind: AutomationTriggerKind,
  draft: AppDefinition,
): AutomationDefinition[] {
  const automation: AutomationDefinition = {
    key: freeKey(list, `${kind}_automation`),
    trigger: blankTrigger(kind, draft),
    actions: [],
  }
  return [...list, automation]
}

/** A copy right after the original, with a free key; a webhook copy gets its own secret. */
export function duplicateAutomation(
  list: readonly AutomationDefinition[],
  key: string,
): AutomationDefinition[] {
  const index = list.findIndex((a) => a.key === key)
  const original = list[index]
  if (!original) return [...list]
  const copy: AutomationDefinition = { ...structuredClone(original), key: freeKey(list, `${key}_copy`) }
  if (copy.trigger.on === 'webhook') copy.trigger = { on: 'webhook', secret: generateSecret() }
  const next = [...list]
  next.splice(index + 1, 0, copy)
  return next
}

export function removeAutomation(list: readonly AutomationDefinition[], key: string): AutomationDefinition[] {
  return list.filter((a) => a.key !== key)
}

/** Replaces one automation; a new key that another automation has is refused (the list is unchanged). */
export function replaceAutomation(
  list: readonly AutomationDefinition[],
  key: string,
  next: AutomationDefinition,
): AutomationDefinition[] {
  if (next.key !== key && list.some((a) => a.key === next.key)) return [...list]
  return list.map((a) => (a.key === key ? next : a))
}
