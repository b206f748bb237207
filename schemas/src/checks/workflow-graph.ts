import type { WorkflowDefinition } from '../app-definition.js'
import { childPointer, localized } from '../problems.js'
import type { CheckContext } from './check-context.js'

function reachable(start: Iterable<string>, edges: Map<string, Set<string>>): Set<string> {
  const seen = new Set(start)
  const queue = [...seen]
  for (let next = queue.shift(); next !== undefined; next = queue.shift())
    for (const to of edges.get(next) ?? []) {
      if (seen.has(to)) continue
      seen.add(to)
      queue.push(to)
    }
  return seen
}

/**
 * Reachability over the state graph: every state reachable from `initial`, a way out of every
 * non-final state, and a final state reachable from each reachable state.
 */
export function checkWorkflowGraph(ctx: CheckContext, wf: WorkflowDefinition, path: string) {
  const stateIndex = new Map<string, number>()
  wf.states.forEach((s, i) => {
    if (!stateIndex.has(s.key)) stateIndex.set(s.key, i)
  })
  if (!stateIndex.has(wf.initial)) return // reported as unknown_state; the graph has no root
  const forward = new Map<string, Set<string>>()
  const backward = new Map<string, Set<string>>()
  const link = (map: Map<string, Set<string>>, a: string, b: string) =>
    map.set(a, (map.get(a) ?? new Set()).add(b))
  for (const t of wf.transitions)
    for (const from of t.from) {
      if (!stateIndex.has(from) || !stateIndex.has(t.to) || from === t.to) continue
      link(forward, from, t.to)
      link(backward, t.to, from)
    }

  const finals = wf.states.filter((s) => s.final).map((s) => s.key)
  const fromInitial = reachable([wf.initial], forward)
  const canFinish = reachable(finals, backward)
  const statePath = (key: string) => childPointer(path, 'states', stateIndex.get(key)!)

  if (finals.length === 0)
    ctx.report(
      childPointer(path, 'states'),
      'no_final_state',
      localized('流程没有终态（final: true）', 'the workflow has no final state (final: true)'),
    )
  else if (!finals.some((f) => fromInitial.has(f)))
    ctx.report(
      childPointer(path, 'initial'),
      'no_final_state_reachable',
      localized(
        `从初始状态 '${wf.initial}' 到不了任何终态`,
        `no final state is reachable from the initial state '${wf.initial}'`,
      ),
    )

  for (const [key, index] of stateIndex) {
    const state = wf.states[index]!
    const at = statePath(key)
    if (!fromInitial.has(key)) {
      ctx.report(
        at,
        'state_unreachable',
        localized(
          `状态 '${key}' 从初始状态 '${wf.initial}' 不可达`,
          `state '${key}' cannot be reached from the initial state '${wf.initial}'`,
        ),
      )
      continue
    }
    if (state.final) continue
    if (!forward.has(key))
      ctx.report(
        at,
        'state_dead_end',
        localized(
          `非终态 '${key}' 没有通往其他状态的流转`,
          `non-final state '${key}' has no transition to another state`,
        ),
      )
    else if (finals.length > 0 && !canFinish.has(key))
      ctx.report(
        at,
        'state_trapped',
        localized(`从状态 '${key}' 到不了任何终态`, `no final state can be reached from state '${key}'`),
      )
  }
}
