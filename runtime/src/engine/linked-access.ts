import {
  type FieldAccess,
  type FieldDefinition,
  type FormDefinition,
  isLinkedField,
  lookupTarget,
} from '@tessera/schemas'
import { type ActorInApp, fieldAccess, isPrivileged, rowScopes } from './access.js'
import type { LoadedApp } from './app-registry.js'

/** Is `field` of `form` hidden from the actor in some state of the form's workflow? */
function hiddenSomewhere(app: LoadedApp, form: FormDefinition, field: FieldDefinition, who: ActorInApp) {
  const wf = app.workflowFor(form.key)
  return wf ? wf.states.some((s) => fieldAccess(field, wf, s, who) === 'hidden') : false
}

/**
 * Whether a linked value would show the actor what they may not see. A lookup shows one related
 * record's field: withheld unless the actor reads every record of that form and sees the field in
 * every state (whichever record and state it comes from). A rollup is an aggregate over many
 * records, as a report is: withheld only when the summarized field is hidden from the actor in some state.
 */
function withholds(
  app: LoadedApp,
  form: FormDefinition,
  field: FieldDefinition,
  who: ActorInApp,
  depth = 0,
): boolean {
  if (depth > 8) return true
  if (field.type === 'lookup') {
    const target = lookupTarget(app.definition, form, field)
    const shown = target?.fields.find((f) => f.key === field.field)
    if (!target || !shown) return true
    if (!isPrivileged(who.actor) && !rowScopes(target, who, 'read').includes('all')) return true
    if (hiddenSomewhere(app, target, shown, who)) return true
    return isLinkedField(shown) && withholds(app, target, shown, who, depth + 1)
  }
  if (field.type === 'rollup') {
    const source = app.form(field.form ?? '')
    if (!source) return true
    if (rowScopes(source, who, 'read').every((s) => s === 'none')) return true
    const summed = source.fields.find((f) => f.key === field.field)
    return summed !== undefined && hiddenSomewhere(app, source, summed, who)
  }
  return false
}

/** The lookups and rollups of `form` withheld from the actor (treated as hidden fields). */
export function withheldLinked(app: LoadedApp, form: FormDefinition, who: ActorInApp): Set<string> {
  const out = new Set<string>()
  for (const f of form.fields) if (isLinkedField(f) && withholds(app, form, f, who)) out.add(f.key)
  return out
}

/** An access map with the withheld linked fields hidden (a form without a workflow gets one too). */
export function hideWithheld(
  form: FormDefinition,
  access: Record<string, FieldAccess> | undefined,
  withheld: ReadonlySet<string>,
): Record<string, FieldAccess> | undefined {
  if (withheld.size === 0) return access
  const map: Record<string, FieldAccess> = access ? { ...access } : {}
  if (!access) for (const f of form.fields) map[f.key] = 'read'
  for (const key of withheld) map[key] = 'hidden'
  return map
}
