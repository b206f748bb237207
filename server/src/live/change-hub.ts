import type { ChangeNotice, ServerStore } from '../server-store.js'

/**
 * Record and list changes for the SSE stream. Notices go through the store (NOTIFY on PostgreSQL),
 * so a change made by one server process reaches the pages open on every other.
 */
export interface ChangeHub {
  /** fire and forget: a lost notice costs a stale page, never a failed write */
  publish(notice: ChangeNotice): void
  subscribe(listener: (notice: ChangeNotice) => void): () => void
  close(): void
}

export function createChangeHub(store: ServerStore): ChangeHub {
  const unsubscribers = new Set<() => void>()
  return {
    publish(notice) {
      store.changes.publish(notice).catch(() => {})
    },
    subscribe(listener) {
      const off = store.changes.subscribe(listener)
      unsubscribers.add(off)
      return () => {
        unsubscribers.delete(off)
        off()
      }
    },
    close() {
      for (const off of unsubscribers) off()
      unsubscribers.clear()
    },
  }
}
