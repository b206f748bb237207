import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase, type Store } from '../store/dialect.js'
import { createEngine } from './engine.js'
import { ADMIN, leadApp } from './test-kit.js'

describe('the app registry', () => {
  const stores: Store[] = []
  afterAll(() => Promise.all(stores.map((s) => s.close())))

  it('reads the latest version once for requests that miss it together, and again after its time to live', async () => {
    let appReads = 0
    const store = await openDatabase({
      memory: true,
      onQuery: (text) => {
        if (/from "app" where/.test(text)) appReads++
      },
    })
    stores.push(store)
    await createEngine({ store }).publish('crm', leadApp('crm'), { ...ADMIN, system: true })
    // another process: it has not seen the publish
    const other = createEngine({ store, latestVersionTtlMs: 200 })
    appReads = 0
    await Promise.all(Array.from({ length: 10 }, () => other.list('crm', 'lead', {}, ADMIN)))
    expect(appReads).toBe(1)
    await new Promise((r) => setTimeout(r, 250))
    await Promise.all(Array.from({ length: 10 }, () => other.list('crm', 'lead', {}, ADMIN)))
    expect(appReads).toBe(2)
  })
})
