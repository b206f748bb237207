import { orgGeneration } from '../store/org-changes.js'

/**
 * What an actor's place in an app is read from (per app and user), and an app's members (what
 * assignment rules pick from), kept for `ttlMs` (default 1 s): without it every submit and list page
 * spent one of its 3 to 4 statements asking again, and every round-robin step read all members.
 * - A write to memberships or departments in this process (store/org-changes.ts) makes every entry
 *   stale at once, so a removed member or a changed role takes effect on the next request here;
 *   another process's write is seen within `ttlMs`.
 * - Concurrent misses on one key share a single read (50 clients on one token would otherwise all
 *   read on each expiry). A read that was running when the org changed answers its callers but is
 *   not kept, so what it saw before the change is never served after it.
 * - The entry's age counts from when its read began, so nothing is served older than `ttlMs`.
 */
export function createMembershipCache(ttlMs = 1000, max = 10_000) {
  const entries = new Map<string, { at: number; generation: number; value: unknown }>()
  const loading = new Map<string, { generation: number; value: Promise<unknown> }>()
  return {
    /** The entry of `key` (each key holds one kind of value), else `load`'s answer, kept unless the org changed meanwhile. */
    async resolve<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (ttlMs <= 0) return load()
      const generation = orgGeneration()
      const hit = entries.get(key)
      if (hit) {
        if (hit.generation === generation && Date.now() - hit.at <= ttlMs) return hit.value as T
        entries.delete(key)
      }
      const running = loading.get(key)
      // a shared read that failed (its transaction broke) fails only its own caller: the others read again
      if (running && running.generation === generation)
        return (running.value as Promise<T>).catch(() => load())
      const at = Date.now()
      const value = load()
      const mine = { generation, value }
      loading.set(key, mine)
      try {
        const found = await value
        if (orgGeneration() === generation) {
          if (entries.size >= max) entries.clear()
          entries.set(key, { at, generation, value: found })
        }
        return found
      } finally {
        if (loading.get(key) === mine) loading.delete(key)
      }
    },
  }
}

export type MembershipCache = ReturnType<typeof createMembershipCache>
