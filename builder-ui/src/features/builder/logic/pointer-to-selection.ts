import type { AppDefinition } from '@tessera/schemas'
import type { Selection } from './selection.js'

/** The segments of a JSON pointer (RFC 6901), `~1` and `~0` unescaped; the root `/` is no segments. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return []
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/**
 * The most specific thing in the editor a verifier finding points at: `/forms/0/fields/3/label`
 * selects that field, `/workflows/0/timers/1/after` the timer's state, `/workflows/0/transitions/2`
 * that transition. Falls back to the enclosing form or workflow, and to the app itself.
 */
export function pointerToSelection(draft: AppDefinition, pointer: string): Selection {
  const [root, a, b, c, d, e] = parsePointer(pointer)
  if (root === 'roles') return { kind: 'roles' }
  if (root === 'forms') {
    const form = draft.forms[Number(a)]
    if (!form) return { kind: 'app' }
    if (b === 'fields') {
      const field = form.fields[Number(c)]
      // A subform column's problem focuses the subform field that holds it.
      if (field) return { kind: 'field', form: form.key, field: field.key }
    }
    if (b === 'layout') {
      const index = Number(c)
      if (d === 'fields' && e !== undefined) {
        const key = form.layout?.[index]?.fields[Number(e)]
        if (key && form.fields.some((f) => f.key === key))
          return { kind: 'field', form: form.key, field: key }
      }
      if (form.layout?.[index]) return { kind: 'section', form: form.key, index }
    }
    return { kind: 'form', form: form.key }
  }
  if (root === 'workflows') {
    const workflow = draft.workflows?.[Number(a)]
    if (!workflow) return { kind: 'app' }
    const at = Number(c)
    if (b === 'states' && workflow.states[at]) {
      return { kind: 'state', workflow: workflow.key, state: workflow.states[at].key }
    }
    if (b === 'transitions' && workflow.transitions[at]) {
      return { kind: 'transition', workflow: workflow.key, transition: workflow.transitions[at].key }
    }
    if (b === 'timers') {
      const timer = workflow.timers?.[at]
      if (timer && d === 'fire' && workflow.transitions.some((t) => t.key === timer.fire)) {
        return { kind: 'transition', workflow: workflow.key, transition: timer.fire }
      }
      if (timer && workflow.states.some((s) => s.key === timer.state)) {
        return { kind: 'state', workflow: workflow.key, state: timer.state }
      }
    }
    if (b === 'initial' && workflow.states.some((s) => s.key === workflow.initial)) {
      return { kind: 'state', workflow: workflow.key, state: workflow.initial }
    }
    return { kind: 'workflow', workflow: workflow.key }
  }
  if (root === 'views') {
    const view = draft.views?.[Number(a)]
    if (view) return { kind: 'view', view: view.key }
  }
  if (root === 'automations') {
    const automation = draft.automations?.[Number(a)]
    if (automation) return { kind: 'automation', automation: automation.key }
  }
  return { kind: 'app' }
}

/** The inverse for the panels: the pointer prefix a selection owns, to list the findings under it. */
export function selectionPointer(draft: AppDefinition, selection: Selection): string | null {
  switch (selection.kind) {
    case 'field': {
      const f = draft.forms.findIndex((form) => form.key === selection.form)
      const i = draft.forms[f]?.fields.findIndex((field) => field.key === selection.field) ?? -1
      return f >= 0 && i >= 0 ? `/forms/${f}/fields/${i}` : null
    }
    case 'state':
    case 'transition': {
      const w = (draft.workflows ?? []).findIndex((wf) => wf.key === selection.workflow)
      const wf = draft.workflows?.[w]
      if (!wf) return null
      const i =
        selection.kind === 'state'
          ? wf.states.findIndex((s) => s.key === selection.state)
          : wf.transitions.findIndex((t) => t.key === selection.transition)
      return i >= 0 ? `/workflows/${w}/${selection.kind === 'state' ? 'states' : 'transitions'}/${i}` : null
    }
    case 'automation': {
      const i = (draft.automations ?? []).findIndex((a) => a.key === selection.automation)
      return i >= 0 ? `/automations/${i}` : null
    }
    default:
      return null
  }
}
