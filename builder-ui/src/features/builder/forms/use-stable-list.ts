import { useRef } from 'react'

/**
 * The previous list while it holds the same items (by identity) in the same order. Lists rebuilt
 * from the draft on every edit then keep their identity, so memoised children skip the render.
 */
export function useStableLists<T>(lists: T[][]): T[][] {
  const previous = useRef<T[][]>([])
  const next = lists.map((list, i) => {
    const old = previous.current[i]
    return old && sameItems(old, list) ? old : list
  })
  previous.current = next
  return next
}

export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => Object.is(item, b[i]))
}
