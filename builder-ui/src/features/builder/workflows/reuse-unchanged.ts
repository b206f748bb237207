/**
 * The next list of graph items, each replaced by its previous object (by `id`) when nothing drawn
 * about it changed. React Flow re-renders a node or edge whose object changed; rebuilding all 60
 * on a keystroke in one state's label would redraw them all. `keep` copies what React Flow wrote
 * into the old object (its measurements) onto a changed one.
 */
export function reuseUnchanged<T extends { id: string }>(
  previous: readonly T[],
  next: readonly T[],
  keep?: (old: T, next: T) => T,
): T[] {
  const byId = new Map(previous.map((item) => [item.id, item]))
  return next.map((item) => {
    const old = byId.get(item.id)
    if (!old) return item
    if (sameDrawing(old, item)) return old
    return keep ? keep(old, item) : item
  })
}

/** Equal as drawn: the same own values, one level into objects and arrays (data, position). */
function sameDrawing(a: object, b: object): boolean {
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const keys = new Set([...Object.keys(left), ...Object.keys(right)])
  for (const key of keys) {
    // measurements are React Flow's, not ours
    if (key === 'measured') continue
    if (!shallowEqual(left[key], right[key])) return false
  }
  return true
}

function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const keys = Object.keys(left)
  if (keys.length !== Object.keys(right).length) return false
  return keys.every((key) => {
    const x = left[key]
    const y = right[key]
    if (Object.is(x, y)) return true
    // one more level for arrays of strings (timers) and small objects (badges, markerEnd)
    if (typeof x === 'object' && typeof y === 'object' && x !== null && y !== null)
      return JSON.stringify(x) === JSON.stringify(y)
    return false
  })
}
