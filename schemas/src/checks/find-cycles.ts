/**
 * The loops of a dependency graph, each once (found by a depth-first walk: one per back edge).
 * Each loop lists its nodes from the one it returns to, e.g. `['a', 'b', 'a']`.
 */
export function findCycles(deps: Map<string, string[]>): string[][] {
  const state = new Map<string, 'active' | 'done'>()
  const stack: string[] = []
  const loops: string[][] = []
  const visit = (key: string) => {
    state.set(key, 'active')
    stack.push(key)
    for (const next of deps.get(key) ?? []) {
      if (state.get(next) === 'active') loops.push([...stack.slice(stack.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(key, 'done')
  }
  for (const key of deps.keys()) if (!state.has(key)) visit(key)
  return loops
}
