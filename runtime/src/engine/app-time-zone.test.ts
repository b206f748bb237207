import type { AppDefinition } from '@tessera/schemas'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase, type Store } from '../store/dialect.js'
import { testDatabases } from '../store/test-databases.js'
import { createEngine } from './engine.js'
import { ADMIN, manualClock } from './test-kit.js'

// New York is on EST (UTC-5) until 2026-03-08 02:00, then on EDT (UTC-4): a day there is 23 hours.
const app: AppDefinition = {
  key: 'zoned',
  name: 'Zoned',
  timeZone: 'America/New_York',
  roles: [{ key: 'staff' }],
  forms: [
    {
      key: 'task',
      title: 'Task',
      fields: [
        { key: 'ref', type: 'text', label: 'Ref' },
        { key: 'started_on', type: 'date', label: 'Started on', readOnly: true },
        { key: 'expired_on', type: 'date', label: 'Expired on', readOnly: true },
        {
          key: 'age',
          type: 'formula',
          label: 'Days since start',
          expression: { days_between: [{ var: 'started_on' }, { today: [] }] },
        },
      ],
    },
  ],
  workflows: [
    {
      key: 'task_flow',
      form: 'task',
      initial: 'open',
      states: [{ key: 'open' }, { key: 'started' }, { key: 'expired', final: true }],
      transitions: [
        {
          key: 'start',
          from: ['open'],
          to: 'started',
          roles: ['staff'],
          // today is still the 7th in New York, the 8th in the engine's UTC
          guard: { '==': [{ today: [] }, '2026-03-07'] },
          actions: [{ type: 'set', field: 'started_on', value: { today: [] } }],
        },
        {
          key: 'expire',
          from: ['started'],
          to: 'expired',
          roles: [],
          actions: [{ type: 'set', field: 'expired_on', value: { today: [] } }],
        },
      ],
      timers: [{ state: 'started', after: 'P1D', fire: 'expire' }],
    },
  ],
}

for (const target of testDatabases()) {
  describe(`an app with its own time zone on ${target.kind}`, () => {
    const stores: Store[] = []
    afterAll(async () => {
      await Promise.all(stores.map((s) => s.close()))
      await target.dispose()
    })

    it("reads today and calendar timers in the app's zone, not the engine's, around midnight", async () => {
      if (target.url) await target.open()
      const store = await openDatabase(target.url ? { url: target.url } : { memory: true })
      stores.push(store)
      // 23:30 on 7 March in New York, 04:30 on 8 March in UTC
      const clock = manualClock('2026-03-08T04:30:00.000Z')
      const engine = createEngine({ store, clock, timeZone: 'UTC' })
      await engine.publish('zoned', app, ADMIN)
      const task = await engine.submit('zoned', 'task', { ref: 't1' }, ADMIN)

      const started = await engine.transition(task.id, 'start', {}, ADMIN, task.version)
      expect(started.state).toBe('started')
      expect(started.data.started_on).toBe('2026-03-07')
      expect(started.data.age).toBe(0)
      // one calendar day in New York, across the change to summer time: 23 hours, not 24
      expect(started.dueAt).toBe('2026-03-09T03:30:00.000Z')

      clock.set('2026-03-09T03:29:00.000Z')
      expect(await engine.runDueTimers()).toBe(0)
      clock.set('2026-03-09T03:30:00.000Z')
      expect(await engine.runDueTimers()).toBe(1)
      const expired = await engine.get(task.id, ADMIN)
      expect(expired.state).toBe('expired')
      // 23:30 on 8 March in New York, already the 9th in UTC
      expect(expired.data.expired_on).toBe('2026-03-08')
      expect(expired.data.age).toBe(1)
    })
  })
}
