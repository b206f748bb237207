import { describe, expect, it } from 'vitest'
import { inFlightLatch } from './in-flight.js'

const deferred = () => {
  let resolve = () => {}
  let reject = (_e: unknown) => {}
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('inFlightLatch', () => {
  it('ignores a second start for the same record while the first is in flight', async () => {
    const latch = inFlightLatch()
    const sent: string[] = []
    const first = deferred()
    const send =
      (name: string, p: Promise<void> = Promise.resolve()) =>
      () => {
        sent.push(name)
        return p
      }
    expect(latch.run('r1', send('a', first.promise))).toBe(true)
    // the double click's second event, before anything re-rendered
    expect(latch.run('r1', send('b'))).toBe(false)
    expect(latch.isBusy('r1')).toBe(true)
    // another record is not held up
    expect(latch.run('r2', send('c'))).toBe(true)
    first.resolve()
    await first.promise
    await Promise.resolve()
    expect(latch.isBusy('r1')).toBe(false)
    expect(latch.run('r1', send('d'))).toBe(true)
    expect(sent).toEqual(['a', 'c', 'd'])
  })

  it('is free again after a refusal or when starting the work throws', async () => {
    const latch = inFlightLatch()
    const refused = deferred()
    latch.run('r1', () => refused.promise)
    refused.reject(new Error('409'))
    await refused.promise.catch(() => {})
    await Promise.resolve()
    expect(latch.isBusy()).toBe(false)
    expect(() =>
      latch.run('r1', () => {
        throw new Error('x')
      }),
    ).toThrow('x')
    expect(latch.isBusy('r1')).toBe(false)
  })
})
