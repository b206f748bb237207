import { createEngine, isTesseraError, type Store, type TesseraEngine } from '@tessera/runtime'
import type { AppDefinition } from '@tessera/schemas'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, manualClock, testDatabases } from '../support/db.js'

/** v1 has `qualifying` with a follow-up reminder timer; v2 renames it `qualification`. */
function dealApp(qualifyingKey: string): AppDefinition {
  return {
    key: 'deals',
    name: 'Deals',
    roles: [{ key: 'sales' }],
    forms: [
      {
        key: 'deal',
        title: 'Deal',
        fields: [
          { key: 'name', type: 'text', label: 'Name', required: true },
          { key: 'reminders', type: 'integer', label: 'Reminders', readOnly: true },
        ],
      },
    ],
    workflows: [
      {
        key: 'deal_flow',
        form: 'deal',
        initial: qualifyingKey,
        states: [
          { key: qualifyingKey, label: 'Qualifying' },
          { key: 'won', label: 'Won', final: true },
          { key: 'lost', label: 'Lost', final: true },
        ],
        transitions: [
          { key: 'win', from: [qualifyingKey], to: 'won', roles: ['sales'] },
          { key: 'lose', from: [qualifyingKey], to: 'lost', roles: ['sales'] },
          {
            key: 'remind',
            from: [qualifyingKey],
            to: qualifyingKey,
            roles: [],
            actions: [{ type: 'set', field: 'reminders', value: { '+': [{ var: ['reminders', 0] }, 1] } }],
          },
        ],
        timers: [{ state: qualifyingKey, after: 'P3D', fire: 'remind' }],
      },
    ],
  }
}

for (const target of testDatabases()) {
  describe(`C4 snapshots across versions on ${target.kind}`, () => {
    let store: Store
    let engine: TesseraEngine
    const clock = manualClock()
    const ids: Record<'qualifying' | 'won' | 'child', string> = { qualifying: '', won: '', child: '' }

    const instance = (id: string) =>
      store.db
        .selectFrom('workflow_instance')
        .selectAll()
        .where('record_id', '=', id)
        .executeTakeFirstOrThrow()

    beforeAll(async () => {
      store = await target.open()
      engine = createEngine({ store, clock })
      await engine.publish('deals', dealApp('qualifying'), ADMIN)
      ids.qualifying = (await engine.submit('deals', 'deal', { name: 'Q' }, ADMIN)).id
      const won = await engine.submit('deals', 'deal', { name: 'W' }, ADMIN)
      await engine.transition(won.id, 'win', {}, ADMIN, won.version)
      ids.won = won.id
      // the "follow-up reminder child": an armed timer that must survive persist -> restore -> persist
      ids.child = (await engine.submit('deals', 'deal', { name: 'C' }, ADMIN)).id
    })
    afterAll(() => target.dispose())

    it('C4: publishing v2 without a map leaves every instance pinned to v1, each snapshot naming workflow and version', async () => {
      const result = await engine.publish('deals', dealApp('qualification'), ADMIN)
      expect(result.version).toBe(2)
      for (const id of Object.values(ids)) {
        const i = await instance(id)
        expect(i.workflow_version).toBe(1)
        expect(i.snapshot).toMatchObject({ workflow: 'deal_flow', version: 1 })
      }
      // a pinned instance still runs on its own version
      const q = await engine.get(ids.qualifying, ADMIN)
      expect(q.transitions.map((t) => t.key).sort()).toEqual(['lose', 'win'])
    })

    it('C4: restoring the qualifying instance on v2 without a map is SNAPSHOT_STATE_MISSING and marks it, never resets it', async () => {
      const e = await engine.migrate(ids.qualifying, ADMIN).catch((x: unknown) => x)
      expect(isTesseraError(e) && e.code).toBe('SNAPSHOT_STATE_MISSING')
      expect(isTesseraError(e) && e.details).toMatchObject({
        state: 'qualifying',
        workflow: 'deal_flow',
        fromVersion: 1,
        toVersion: 2,
      })
      expect(isTesseraError(e) && e.message).toMatch(/qualifying/)
      const i = await instance(ids.qualifying)
      expect(i).toMatchObject({ state: 'qualifying', needs_migration: true, workflow_version: 1 })
      const view = await engine.get(ids.qualifying, ADMIN)
      expect(view.needsMigration).toBe(true)
      expect(view.transitions).toEqual([])
      const blocked = await engine
        .transition(ids.qualifying, 'win', {}, ADMIN, view.version)
        .catch((x: unknown) => x)
      expect(isTesseraError(blocked) && blocked.code).toBe('SNAPSHOT_STATE_MISSING')
    })

    it('C4: a publish with the map migrates instances by it, the won one unchanged in state', async () => {
      const result = await engine.publish('deals', dealApp('qualification'), ADMIN, {
        states: { qualifying: 'qualification' },
      })
      expect(result).toMatchObject({ version: 3, migrated: 3, needsMigration: 0 })
      expect(await instance(ids.qualifying)).toMatchObject({
        state: 'qualification',
        needs_migration: false,
        workflow_version: 3,
      })
      expect(await instance(ids.won)).toMatchObject({ state: 'won', workflow_version: 3 })
      const events = await engine.events(ids.qualifying, ADMIN)
      expect(events.at(-1)).toMatchObject({ type: 'migrated', from: 'qualifying', to: 'qualification' })
    })

    it('C4: the instance with a child restores from Postgres JSON, persists and restores again', async () => {
      const stored = await instance(ids.child)
      const roundTrip = JSON.parse(JSON.stringify(stored.snapshot))
      expect(roundTrip).toMatchObject({ workflow: 'deal_flow', version: 3, state: 'qualification' })
      const timers = await store.db
        .selectFrom('timer')
        .selectAll()
        .where('record_id', '=', ids.child)
        .execute()
      expect(timers.map((t) => [t.state, t.status])).toEqual([['qualification', 'armed']])
      // the child fires on the new version (restore), which persists a new snapshot, which restores again
      clock.advance(3 * 24 * 3600_000 + 1)
      expect(await engine.runDueTimers()).toBeGreaterThanOrEqual(1)
      const after = await engine.get(ids.child, ADMIN)
      expect(after).toMatchObject({ state: 'qualification', data: { reminders: 1 } })
      const won = await engine.transition(ids.child, 'win', {}, ADMIN, after.version)
      expect(won.state).toBe('won')
      expect((await instance(ids.child)).snapshot).toMatchObject({ version: 3, state: 'won' })
    })

    it('installs once: concurrent publishes with onlyIfNew leave exactly one version', async () => {
      const app = { ...dealApp('qualifying'), key: 'install_once' }
      const results = await Promise.all(
        [1, 2, 3].map(() => engine.publish('install_once', app, ADMIN, undefined, { onlyIfNew: true })),
      )
      expect(results.filter((r) => !r.skipped)).toHaveLength(1)
      expect(results.map((r) => r.version)).toEqual([1, 1, 1])
      const again = await engine.publish('install_once', app, ADMIN)
      expect(again.version).toBe(2)
    })

    it('refuses an invalid definition with DEFINITION_INVALID and its problems', async () => {
      const bad = dealApp('qualifying')
      bad.workflows![0]!.transitions[0]!.to = 'nowhere'
      const e = await engine.publish('deals', bad, ADMIN).catch((x: unknown) => x)
      expect(isTesseraError(e) && e.code).toBe('DEFINITION_INVALID')
      expect(isTesseraError(e) && (e.details?.problems?.length ?? 0) > 0).toBe(true)
      expect(
        (
          await store.db
            .selectFrom('app')
            .select('published_version')
            .where('key', '=', 'deals')
            .executeTakeFirstOrThrow()
        ).published_version,
      ).toBe(3)
    })
  })
}
