import type { Clock } from '@tessera/runtime'

/** A clock the demo moves forward, so SLAs fire in seconds instead of days. */
export interface MovableClock extends Clock {
  advance(ms: number): void
}

export function createDemoClock(start: Date): MovableClock {
  let now = start.getTime()
  return {
    now: () => new Date(now),
    advance(ms) {
      now += ms
    },
  }
}
