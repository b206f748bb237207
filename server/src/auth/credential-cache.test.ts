import { describe, expect, it } from 'vitest'
import type { UserView } from '../server-store.js'
import { type CachedCredential, createCredentialCache } from './credential-cache.js'

const user: UserView = {
  id: 'u1',
  email: 'a@example.com',
  name: 'A',
  isAdmin: false,
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
}
const credential = (expiresAt: number | null = null): CachedCredential => ({
  user,
  csrfToken: null,
  expiresAt,
})

/** A lookup the test answers when it chooses, counting how often it was asked. */
function gatedLoad(value: CachedCredential | undefined) {
  let calls = 0
  let open: () => void = () => {}
  const gate = new Promise<void>((resolve) => {
    open = resolve
  })
  return {
    load: async () => {
      calls++
      await gate
      return value
    },
    open: () => open(),
    calls: () => calls,
  }
}

describe('credential cache', () => {
  it('lets concurrent misses on one key share one lookup, then answers from memory', async () => {
    const cache = createCredentialCache()
    const lookup = gatedLoad(credential())
    const waiting = Array.from({ length: 50 }, () => cache.resolve('bearer:t', lookup.load))
    lookup.open()
    const answers = await Promise.all(waiting)
    expect(answers.every((a) => a?.user === user)).toBe(true)
    expect(lookup.calls()).toBe(1)
    await cache.resolve('bearer:t', lookup.load)
    expect(lookup.calls()).toBe(1)
  })

  it('does not keep what a lookup running across a clear (logout, revocation) found', async () => {
    const cache = createCredentialCache()
    const before = gatedLoad(credential())
    const inFlight = cache.resolve('bearer:t', before.load)
    cache.clear()
    before.open()
    expect((await inFlight)?.user).toBe(user)
    // the revoked token is looked up again, and the store now says it is gone
    const after = await cache.resolve('bearer:t', async () => undefined)
    expect(after).toBeUndefined()
  })

  it('does not let a caller after a clear join a lookup started before it', async () => {
    const cache = createCredentialCache()
    const stale = gatedLoad(credential())
    const first = cache.resolve('session:s', stale.load)
    cache.clear()
    const fresh = await cache.resolve('session:s', async () => undefined)
    expect(fresh).toBeUndefined()
    stale.open()
    await first
  })

  it('asks again for an unknown credential, an expired session and after the time to live', async () => {
    let now = 1_000_000
    const realNow = Date.now
    Date.now = () => now
    try {
      const cache = createCredentialCache(5000)
      let calls = 0
      const missing = async () => {
        calls++
        return undefined
      }
      await cache.resolve('bearer:x', missing)
      await cache.resolve('bearer:x', missing)
      expect(calls).toBe(2)

      let loads = 0
      const expiring = async () => {
        loads++
        return credential(now + 1000)
      }
      await cache.resolve('session:s', expiring)
      now += 2000
      await cache.resolve('session:s', expiring)
      expect(loads).toBe(2)

      let tokenLoads = 0
      const token = async () => {
        tokenLoads++
        return credential()
      }
      await cache.resolve('bearer:t', token)
      now += 4000
      await cache.resolve('bearer:t', token)
      expect(tokenLoads).toBe(1)
      now += 2000
      await cache.resolve('bearer:t', token)
      expect(tokenLoads).toBe(2)
    } finally {
      Date.now = realNow
    }
  })
})
