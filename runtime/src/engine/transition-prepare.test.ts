import type { AppDefinition } from '@tessera/schemas'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { testDatabases } from '../store/test-databases.js'
import { createEngine } from './engine.js'
import { ADMIN, manualClock } from './test-kit.js'

// counts the form preparations, so the test sees whether a transition prepared its data once or twice
const prepared = vi.hoisted(() => ({ count: 0 }))
vi.mock('../form/compile-form.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../form/compile-form.js')>()
  return {
    ...real,
    compileForm: (...args: Parameters<typeof real.compileForm>) => {
      const form = real.compileForm(...args)
      return {
        ...form,
        prepare: (...a: Parameters<typeof form.prepare>) => {
          prepared.count++
          return form.prepare(...a)
        },
      }
    },
  }
})

const app: AppDefinition = {
  key: 'prep',
  name: 'Prepare',
  roles: [{ key: 'staff' }],
  forms: [
    {
      key: 'task',
      title: 'Task',
      fields: [
        { key: 'title', type: 'text' },
        { key: 'bumps', type: 'integer' },
        { key: 'twice', type: 'formula', expression: { '*': [{ var: 'bumps' }, 2] } },
      ],
    },
  ],
  workflows: [
    {
      key: 'task_flow',
      form: 'task',
      initial: 'open',
      states: [{ key: 'open' }, { key: 'closed', final: true }],
      transitions: [
        { key: 'close', from: ['open'], to: 'closed', roles: ['staff'] },
        {
          key: 'bump',
          from: ['open'],
          to: 'open',
          roles: ['staff'],
          actions: [{ type: 'set', field: 'bumps', value: { '+': [{ var: 'bumps' }, 1] } }],
        },
      ],
    },
  ],
}

for (const target of testDatabases()) {
  describe(`the data a transition prepares on ${target.kind}`, () => {
    afterAll(() => target.dispose())

    it('is prepared once when the effects change no field, and again (formulas too) when they do', async () => {
      const store = await target.open()
      const engine = createEngine({ store, clock: manualClock() })
      await engine.publish('prep', app, { ...ADMIN, system: true })
      const task = await engine.submit('prep', 'task', { title: 'T', bumps: 1 }, ADMIN)
      expect(task.data.twice).toBe('2')

      prepared.count = 0
      const bumped = await engine.transition(task.id, 'bump', {}, ADMIN, task.version)
      expect(prepared.count).toBe(2)
      expect(bumped.data).toMatchObject({ bumps: 2, twice: '4' })

      prepared.count = 0
      const closed = await engine.transition(task.id, 'close', {}, ADMIN, bumped.version)
      expect(prepared.count).toBe(1)
      expect(closed.state).toBe('closed')
      expect(closed.data).toEqual(bumped.data)
      const last = (await engine.events(task.id, ADMIN)).at(-1)
      expect(last).toMatchObject({ transition: 'close', from: 'open', to: 'closed', diff: {} })
      await store.close()
    })
  })
}
