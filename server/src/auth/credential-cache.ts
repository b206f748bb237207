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
 */
export function createCredentialCache(ttlMs = 5000, max = 10_000) {
  const entries = new Map<string, { at: number; value: CachedCredential }>()
  return {
    get(key: string): CachedCredential | undefined {
      const hit = entries.get(key)
      if (!hit) return undefined
      if (Date.now() - hit.at > ttlMs || (hit.value.expiresAt !== null && hit.value.expiresAt < Date.now())) {
        entries.delete(key)
        return undefined
      }
      return hit.value
    },
    set(key: string, value: CachedCredential) {
      if (entries.size >= max) entries.clear()
      entries.set(key, { at: Date.now(), value })
    },
    clear() {
      entries.clear()
    },
  }
}

export type CredentialCache = ReturnType<typeof createCredentialCache>
