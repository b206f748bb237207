import type { AppDefinition } from '@tessera/schemas'

export type ChangeKind = 'added' | 'removed' | 'changed'

export interface DiffEntry {
  kind: ChangeKind
  /** what changed: a form, a field, a workflow, a state, a transition, a timer, a role, a view. */
  part: 'form' | 'field' | 'workflow' | 'state' | 'transition' | 'timer' | 'role' | 'view' | 'app'
  /** `form.field`, `workflow.state`, or a bare key; stable text for the diff list and tests. */
  path: string
  /** for `changed`: the properties that differ. */
  properties?: string[]
}

/**
 * What a publish changes against the published version, by key (keys are stable, positions are
 * not), so reordering fields is not reported as a change. Pure.
 */
export function diffDefinitions(
  published: AppDefinition | null | undefined,
  draft: AppDefinition,
): DiffEntry[] {
  const out: DiffEntry[] = []
  const before = published ?? { key: draft.key, name: '', roles: [], forms: [] }
  const appProps = changedProps(before, draft, [
    'name',
    'description',
    'timeZone',
    'duplicates',
    'dashboards',
  ])
  if (published && appProps.length)
    out.push({ kind: 'changed', part: 'app', path: draft.key, properties: appProps })
  keyed(before.roles, draft.roles, (kind, key, props) => out.push(entry(kind, 'role', key, props)))
  keyed(before.forms, draft.forms, (kind, key, props, old, now) => {
    const formProps = props?.filter((p) => p !== 'fields')
    if (kind !== 'changed' || formProps?.length) out.push(entry(kind, 'form', key, formProps))
    if (kind === 'changed' && old && now) {
      keyed(old.fields, now.fields, (k, field, p) => out.push(entry(k, 'field', `${key}.${field}`, p)))
    }
  })
  keyed(before.workflows ?? [], draft.workflows ?? [], (kind, key, props, old, now) => {
    // The layout is where nodes are drawn: no change to what records do, so not a change to show.
    const own = props?.filter((p) => !['states', 'transitions', 'timers', 'layout'].includes(p))
    if (kind !== 'changed' || own?.length) out.push(entry(kind, 'workflow', key, own))
    if (kind === 'changed' && old && now) {
      keyed(old.states, now.states, (k, s, p) => out.push(entry(k, 'state', `${key}.${s}`, p)))
      keyed(old.transitions, now.transitions, (k, t, p) => out.push(entry(k, 'transition', `${key}.${t}`, p)))
      const timerKey = (timer: { state: string; fire: string }) => ({
        ...timer,
        key: `${timer.state}->${timer.fire}`,
      })
      keyed((old.timers ?? []).map(timerKey), (now.timers ?? []).map(timerKey), (k, t, p) =>
        out.push(entry(k, 'timer', `${key}.${t}`, p)),
      )
    }
  })
  keyed(before.views ?? [], draft.views ?? [], (kind, key, props) =>
    out.push(entry(kind, 'view', key, props)),
  )
  return out
}

function entry(kind: ChangeKind, part: DiffEntry['part'], path: string, properties?: string[]): DiffEntry {
  return kind === 'changed' ? { kind, part, path, properties: properties ?? [] } : { kind, part, path }
}

function keyed<T extends { key: string }>(
  before: T[],
  after: T[],
  report: (kind: ChangeKind, key: string, properties: string[] | undefined, before?: T, after?: T) => void,
): void {
  const old = new Map(before.map((item) => [item.key, item]))
  const now = new Map(after.map((item) => [item.key, item]))
  for (const [key, item] of now) {
    const previous = old.get(key)
    if (!previous) report('added', key, undefined, undefined, item)
    else {
      const props = changedProps(previous, item)
      if (props.length) report('changed', key, props, previous, item)
    }
  }
  for (const key of old.keys()) if (!now.has(key)) report('removed', key, undefined)
}

function changedProps<T extends object>(a: T, b: T, only?: string[]): string[] {
  const keys = only ?? [...new Set([...Object.keys(a), ...Object.keys(b)])]
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  return keys.filter((key) => key !== 'version' && !sameJson(left[key], right[key])).sort()
}

/** Deep equality of JSON values, ignoring object key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => sameJson(v, b[i]))
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined)
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined)
  return (
    ka.length === kb.length &&
    ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  )
}
