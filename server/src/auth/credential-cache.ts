import type { UserView } from '../server-store.js'

export interface CachedCredential {
  user: UserView
  csrfToken: string | null
  expiresAt: number | null
}

/**
 * Who a cookie or bearer token is, remembered for a few seconds: without it every request paid
 * one to two queries before its real work. A logout, revocation or deactivation in this process
 * clears it at once; other processes notice within `ttlMs`.
 * Concurrent misses on one key share a single lookup (50 clients on one token asked the database
 * 50 times whenever the entry expired), and a lookup that was already running when the cache was
 * cleared is answered to its callers but not kept, so a revoked credential is never cached again.
 */
export function createCredentialCache(ttlMs = 5000, max = 10_000) {
  const entries = new Map<string, { at: number; value: CachedCredential }>()
  const loading = new Map<string, Promise<CachedCredential | undefined>>()
  let generation = 0
  const get = (key: string): CachedCredential | undefined => {
    const hit = entries.get(key)
    if (!hit) return undefined
    if (Date.now() - hit.at > ttlMs || (hit.value.expiresAt !== null && hit.value.expiresAt < Date.now())) {
      entries.delete(key)
      return undefined
    }
    return hit.value
  }
  const set = (key: string, value: CachedCredential) => {
    if (entries.size >= max) entries.clear()
    entries.set(key, { at: Date.now(), value })
  }
  return {
    /** The cached credential, else `load`'s answer (one load per key at a time), cached if found. */
    async resolve(
      key: string,
      load: () => Promise<CachedCredential | undefined>,
    ): Promise<CachedCredential | undefined> {
      const hit = get(key)
      if (hit) return hit
      const running = loading.get(key)
      if (running) return running
      const startedIn = generation
      const pending = load().then((value) => {
        if (value && startedIn === generation) set(key, value)
        return value
      })
      loading.set(key, pending)
      try {
        return await pending
      } finally {
        if (loading.get(key) === pending) loading.delete(key)
      }
    },
    clear() {
      generation++
      entries.clear()
      // a caller arriving after the clear starts a fresh lookup rather than joining a stale one
      loading.clear()
    },
  }
}

export type CredentialCache = ReturnType<typeof createCredentialCache>
