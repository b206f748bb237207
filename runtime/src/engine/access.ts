import {
  type FieldAccess,
  type FieldDefinition,
  type FormDefinition,
  type FormPermission,
  type RowScope,
  type StateDefinition,
  type TransitionDefinition,
  type WorkflowDefinition,
  evaluate,
  isTruthy,
  mayCreateIn,
  stateFieldAccess,
} from '@tessera/schemas'
import { logicToSql } from '../store/logic-sql.js'
import type { ListScope } from '../store/list-query.js'
import type { Actor } from './engine-types.js'

/** What the engine knows of an actor in one app. */
export interface ActorInApp {
  actor: Actor
  /** the actor's roles in the app; an admin and the system hold every role */
  roles: string[]
  member: boolean
  attributes: Record<string, unknown>
  /** members whose `manager` attribute is this user (the `team` row scope) */
  team: string[]
  /** everyone in the trees of the departments this user belongs to or heads (the `department` row scope) */
  colleagues?: string[]
}

export const isPrivileged = (a: Actor): boolean => a.isAdmin || a.system === true

/** A field's access for an actor in a state (the rule is the schemas package's, shared with the browser). */
export function fieldAccess(
  field: FieldDefinition,
  wf: WorkflowDefinition | undefined,
  state: StateDefinition | undefined,
  who: ActorInApp,
): FieldAccess {
  return stateFieldAccess(field, wf, state, who.roles, isPrivileged(who.actor))
}

export function accessMap(
  form: FormDefinition,
  wf: WorkflowDefinition | undefined,
  state: StateDefinition | undefined,
  who: ActorInApp,
) {
  const map: Record<string, FieldAccess> = {}
  for (const f of form.fields) map[f.key] = fieldAccess(f, wf, state, who)
  return map
}

/** Removes the fields the actor may not see. */
export function withhold(
  data: Record<string, unknown>,
  access: Record<string, FieldAccess>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(data)) if (access[k] !== 'hidden') out[k] = v
  return out
}

/** May the actor fire this transition (role and assignee rules, not the guard)? */
export function mayFire(t: TransitionDefinition, who: ActorInApp, assignees: (string | null)[]): boolean {
  if (who.actor.system) return true
  if (t.roles.length === 0) return false
  if (!who.actor.isAdmin && !t.roles.some((r) => who.roles.includes(r))) return false
  if (t.assigneeOnly && !who.actor.isAdmin && !assignees.includes(who.actor.userId)) return false
  return true
}

/** A record as the row scopes see it: who owns it, who holds it, its data and state. */
export interface ScopeSubject {
  owner: string | null
  assignee: string | null
  data: Record<string, unknown>
  state?: string | null
}

/**
 * May the actor fire `t` on a record as far as its row goes? A transition is a write: the record must
 * lie within the actor's edit scope, unless `t` is `assigneeOnly` (the template's explicit word that
 * whoever holds the record moves it on; `mayFire` then holds them to being its assignee).
 */
export function mayMoveRecord(t: TransitionDefinition | undefined, editable: boolean): boolean {
  return editable || t?.assigneeOnly === true
}

/** The field access where the record lies outside the actor's edit scope: what they could edit they may only read. */
export function readOnlyAccess(access: Record<string, FieldAccess>): Record<string, FieldAccess> {
  const out: Record<string, FieldAccess> = {}
  for (const [k, a] of Object.entries(access)) out[k] = a === 'edit' || a === 'required' ? 'read' : a
  return out
}

/** The permissions of the actor's roles on a form; a form without `permissions` lets members do all but import. */
function permissionsFor(form: FormDefinition, who: ActorInApp): FormPermission[] {
  if (!form.permissions)
    return [{ create: true, read: 'all', edit: 'all', delete: 'all', import: false, export: true }]
  const out: FormPermission[] = []
  for (const role of who.roles) {
    const p = form.permissions[role]
    if (p) out.push(p)
  }
  if (out.length === 0 && who.member && form.permissions['*']) out.push(form.permissions['*'])
  return out
}

export function mayCreate(form: FormDefinition, who: ActorInApp): boolean {
  if (isPrivileged(who.actor)) return true
  if (!who.actor.userId) return form.public === true
  if (!who.member) return false
  return mayCreateIn(form, { isAdmin: false, roles: who.roles })
}

export function mayImport(form: FormDefinition, who: ActorInApp): boolean {
  if (isPrivileged(who.actor)) return true
  return who.member && permissionsFor(form, who).some((p) => p.import === true)
}

/** The row scopes of the actor for read or edit; `['all']` for the privileged. */
export function rowScopes(
  form: FormDefinition,
  who: ActorInApp,
  kind: 'read' | 'edit' | 'delete',
): RowScope[] {
  if (isPrivileged(who.actor)) return ['all']
  if (!who.member) return []
  return permissionsFor(form, who).map(
    (p) => p[kind] ?? (kind === 'read' ? 'all' : kind === 'edit' ? 'own' : 'none'),
  )
}

/** Does one record fall inside the actor's scopes? */
export function inScope(scopes: RowScope[], record: ScopeSubject, who: ActorInApp, now: Date): boolean {
  const me = who.actor.userId
  return scopes.some((s) => {
    if (s === 'all') return true
    if (s === 'none') return false
    if (s === 'own') return me !== null && (record.owner === me || record.assignee === me)
    if (s === 'team' || s === 'department') {
      const others = s === 'team' ? who.team : (who.colleagues ?? [])
      const people = me ? [me, ...others] : others
      return people.some((u) => record.owner === u || record.assignee === u)
    }
    return isTruthy(
      evaluate(
        s.where,
        { state: record.state ?? null, ...record.data, $user: me, $owner: record.owner },
        { now },
      ),
    )
  })
}

/** The list filter for row scopes: nothing for `all`, else the users whose records (owned or assigned) show. */
export function actorScopeUsers(
  scopes: RowScope[],
  who: ActorInApp,
  fields: FieldDefinition[],
): ListScope | undefined {
  if (scopes.includes('all')) return undefined
  const users = new Set<string>()
  const where: ListScope['where'] = []
  const me = who.actor.userId
  for (const s of scopes) {
    if (s === 'own' && me) users.add(me)
    if (s === 'team' || s === 'department') {
      if (me) users.add(me)
      for (const u of s === 'team' ? who.team : (who.colleagues ?? [])) users.add(u)
    }
    if (typeof s === 'object') {
      const condition = logicToSql(s.where, fields, { $user: me })
      // a rule beyond what SQL translation covers narrows the list to the actor's own records
      if (condition) where.push(condition)
      else if (me) users.add(me)
    }
  }
  return { users: [...users], where }
}
