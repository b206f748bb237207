import type { LoginAttemptStore } from '../store/login-attempt-store.js'

/**
 * A counter per key (an account, an address) kept in the database, so the budget holds across
 * every server process behind a load balancer: a window of `windowMs` opens at a key's first
 * attempt and allows `max` of them.
 */
export interface AttemptLimiter {
  /** counts one attempt; `allowed` false when the key spent its budget, with seconds to wait */
  hit(key: string): Promise<{ allowed: boolean; retryAfter: number }>
  /** takes back the latest attempt (it succeeded): only failures spend the budget */
  refund(key: string): Promise<void>
  reset(key: string): Promise<void>
}

/** Counters whose window has passed are dropped every this many attempts in a process. */
const PRUNE_EVERY = 500

export function createAttemptLimiter(
  attempts: LoginAttemptStore,
  scope: string,
  max: number,
  windowMs: number,
  now = () => new Date(),
): AttemptLimiter {
  let sincePrune = 0
  const keyOf = (key: string) => `${scope}:${key}`
  return {
    async hit(key) {
      const at = now()
      if (++sincePrune >= PRUNE_EVERY) {
        sincePrune = 0
        await attempts.prune(windowMs, at)
      }
      const { attempts: spent, windowStart } = await attempts.hit(keyOf(key), windowMs, at)
      if (spent <= max) return { allowed: true, retryAfter: 0 }
      const left = windowStart.getTime() + windowMs - at.getTime()
      return { allowed: false, retryAfter: Math.max(1, Math.ceil(left / 1000)) }
    },
    refund: (key) => attempts.refund(keyOf(key)),
    reset: (key) => attempts.reset(keyOf(key)),
  }
}
