/**
 * A synchronous once-at-a-time latch per key (a record id): `run` starts the work only when none
 * is in flight for that key and says whether it did. The second click of a double click lands
 * before React has re-rendered a disabled button (react-query tells its observers a tick later),
 * so only a latch read and set in the same event stops the same move being sent twice. Other keys
 * stay free: two kanban cards may move at once.
 */
export function inFlightLatch() {
  const busy = new Set<string>()
  return {
    isBusy: (key?: string) => (key === undefined ? busy.size > 0 : busy.has(key)),
    /** starts `work` unless work for `key` is in flight; it is free again once `work` settles */
    run(key: string, work: () => Promise<unknown>): boolean {
      if (busy.has(key)) return false
      busy.add(key)
      let settled: Promise<unknown>
      try {
        settled = work()
      } catch (e) {
        busy.delete(key)
        throw e
      }
      settled.then(
        () => busy.delete(key),
        () => busy.delete(key),
      )
      return true
    },
  }
}
export type InFlightLatch = ReturnType<typeof inFlightLatch>
