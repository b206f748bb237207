import { useEffect, useState } from 'react'

/** The value, once it has stopped changing for `ms`: one search per pause, not per key. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value)
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms)
    return () => clearTimeout(h)
  }, [value, ms])
  return v
}
