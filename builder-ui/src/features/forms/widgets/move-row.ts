/** A copy of `list` with the item at `from` moved to `to`; out-of-range moves return the list unchanged. */
export function moveRow<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) return [...list]
  const next = [...list]
  const [item] = next.splice(from, 1)
  next.splice(to, 0, item as T)
  return next
}
