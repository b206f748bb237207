import type { AppDefinition } from '@tessera/schemas'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase, type Store } from '../store/dialect.js'
import { testDatabases } from '../store/test-databases.js'
import { createEngine } from './engine.js'
import { ADMIN, manualClock } from './test-kit.js'

const HOUR = 3600_000

const app: AppDefinition = {
  key: 'refusals',
  name: 'Refusals',
  roles: [{ key: 'staff' }],
  forms: [
    {
      key: 'item',
      title: 'Item',
      fields: [
        { key: 'ref', type: 'text', label: 'Ref' },
        { key: 'ok', type: 'boolean', label: 'OK' },
      ],
    },
  ],
  workflows: [
    {
      key: 'item_flow',
      form: 'item',
      initial: 'waiting',
      states: [{ key: 'waiting' }, { key: 'expired', final: true }],
      transitions: [
        {
          key: 'expire',
          from: ['waiting'],
          to: 'expired',
          roles: [],
          guard: { '==': [{ var: 'ok' }, true] },
        },
      ],
      timers: [{ state: 'waiting', after: 'PT1H', fire: 'expire' }],
    },
  ],
}

for (const target of testDatabases()) {
  describe(`a refused timer in a batch on ${target.kind}`, () => {
    const stores: Store[] = []
    afterAll(async () => {
      await Promise.all(stores.map((s) => s.close()))
      await target.dispose()
    })

    it('is fired alone and the sweep goes on in batches, not one timer per transaction', async () => {
      // every timer claim the sweep makes, counted by the statement that makes it
      let claims = 0
      const onQuery = (text: string) => {
        if (text.includes('set claimed_by')) claims++
      }
      if (target.url) await target.open()
      const store = await openDatabase(target.url ? { url: target.url, onQuery } : { memory: true, onQuery })
      stores.push(store)
      const clock = manualClock()
      const engine = createEngine({ store, clock, timerBatch: 20, timerLanes: 1 })
      await engine.publish('refusals', app, ADMIN)
      const items = []
      for (let i = 0; i < 40; i++)
        items.push(await engine.submit('refusals', 'item', { ref: `r${i}`, ok: i !== 5 }, ADMIN))
      clock.advance(2 * HOUR)
      claims = 0
      expect(await engine.runDueTimers(1000)).toBe(39)
      // the refused batch, the refused timer alone, two batches of the rest, the empty one that ends it
      expect(claims).toBe(5)
      const timers = await store.db
        .selectFrom('timer')
        .select(['record_id', 'status', 'last_error'])
        .where('status', '!=', 'armed')
        .execute()
      expect(timers).toHaveLength(40)
      for (const [i, item] of items.entries()) {
        const mine = timers.filter((t) => t.record_id === item.id)
        expect(mine.map((t) => t.status)).toEqual([i === 5 ? 'failed' : 'fired'])
        if (i === 5) expect(mine[0]?.last_error).toMatch(/^GUARD_FAILED/)
        const expires = (await engine.events(item.id, ADMIN)).filter((e) => e.transition === 'expire')
        expect(expires).toHaveLength(i === 5 ? 0 : 1)
      }
    })
  })
}
