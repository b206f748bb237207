import { afterEach, describe, expect, it, vi } from 'vitest'
import { startBackgroundLoops, TIMERS_PER_TICK } from './background-loops.js'

afterEach(() => {
  vi.useRealTimers()
})

describe('the timer loop', () => {
  it('asks for 1000 due timers a tick, and goes again at once while it gets that many', async () => {
    vi.useFakeTimers()
    let due = 2500
    const asked: number[] = []
    const engine = {
      runDueTimers: async (limit: number) => {
        asked.push(limit)
        const n = Math.min(limit, due)
        due -= n
        return n
      },
      deliverOutbox: async () => 0,
    }
    // the other loops fail on this database and only log it; the timer loop needs the engine alone
    const db: object = new Proxy(
      {},
      {
        get: (_, key) =>
          key === 'withTables'
            ? () => db
            : key === 'then'
              ? undefined
              : () => {
                  throw new Error('no database in this test')
                },
      },
    )
    const context = {
      engine,
      options: { timerIntervalMs: 1000, outboxIntervalMs: 60_000 },
      store: { runtime: { db } },
    }
    const loops = startBackgroundLoops(context as never, { warn: () => {} } as never)
    await vi.advanceTimersByTimeAsync(1000)
    // a full tick schedules the next with no delay (a timer of 0 ms runs after 1 ms, as in Node)
    for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(1)
    expect(TIMERS_PER_TICK).toBe(1000)
    // 1000, 1000, then 500 (less than a full tick: wait the interval)
    expect(asked).toEqual([1000, 1000, 1000])
    expect(due).toBe(0)
    await vi.advanceTimersByTimeAsync(990)
    expect(asked).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(20)
    expect(asked).toHaveLength(4)
    await loops.stop()
  })
})
