/**
 * A sliding-window counter per key (an account, an address). Kept in process: a login burst against
 * one process is what it stops; a load balancer's sticky-free spread only multiplies the budget by
 * the process count, which stays small.
 */
export interface AttemptLimiter {
  /** counts one attempt; `allowed` false when the key spent its budget, with seconds to wait */
  hit(key: string): { allowed: boolean; retryAfter: number }
  /** takes back the latest attempt (it succeeded): only failures spend the budget */
  refund(key: string): void
  reset(key: string): void
}

export function createAttemptLimiter(max: number, windowMs: number, now = () => Date.now()): AttemptLimiter {
  const hits = new Map<string, number[]>()
  const prune = (key: string) => {
    const since = now() - windowMs
    const kept = (hits.get(key) ?? []).filter((t) => t > since)
    if (kept.length) hits.set(key, kept)
    else hits.delete(key)
    return kept
  }
  return {
    hit(key) {
      const kept = prune(key)
      if (kept.length >= max) {
        const oldest = kept[0] ?? now()
        return { allowed: false, retryAfter: Math.max(1, Math.ceil((oldest + windowMs - now()) / 1000)) }
      }
      kept.push(now())
      hits.set(key, kept)
      if (hits.size > 50_000) for (const k of hits.keys()) prune(k)
      return { allowed: true, retryAfter: 0 }
    },
    refund(key) {
      const kept = hits.get(key)
      kept?.pop()
      if (kept && kept.length === 0) hits.delete(key)
    },
    reset(key) {
      hits.delete(key)
    },
  }
}
