import { createEngine, isTesseraError, type Store, type TesseraEngine } from '@tessera/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, addMembers, leadApp, manualClock, testDatabases } from '../support/db.js'

const code = (e: unknown) => (isTesseraError(e) ? e.code : e)

for (const target of testDatabases()) {
  describe(`engine flows on ${target.kind}`, () => {
    let store: Store
    let engine: TesseraEngine
    const clock = manualClock()
    let people: Awaited<ReturnType<typeof addMembers>>

    beforeAll(async () => {
      store = await target.open()
      engine = createEngine({ store, clock })
      await engine.publish('crm', leadApp(), ADMIN)
      people = await addMembers(store, 'crm', [
        { name: 'Olga', roles: ['operations'] },
        { name: 'Sam', roles: ['sales'], attributes: { region: 'East' } },
        { name: 'Tia', roles: ['sales'], attributes: { region: 'West' } },
      ])
    })
    afterAll(() => target.dispose())

    it('submits, qualifies, hands off by region and converts with a linked account', async () => {
      const olga = people.Olga!
      const created = await engine.submit(
        'crm',
        'lead',
        { email: ' Ana@Example.com ', region: 'East', score: 50, company: 'Acme' },
        olga,
      )
      expect(created.state).toBe('new')
      expect(created.version).toBe(1)
      expect(created.data.number).toBe('LEAD-2026-000001')

      const low = await engine.transition(created.id, 'qualify', {}, olga, 1).catch((e) => e)
      expect(code(low)).toBe('GUARD_FAILED')
      const q = await engine.transition(created.id, 'qualify', { score: 70 }, olga, 1)
      expect(q.state).toBe('qualified')
      expect(q.version).toBe(2)
      expect(q.data.qualified_at).toBe(clock.now().toISOString())

      const h = await engine.transition(created.id, 'hand_off', {}, olga, 2)
      expect(h.state).toBe('handed_off')
      expect(h.assignee).toBe(people.Sam!.userId)
      expect(h.dueAt).toBe(new Date(clock.now().getTime() + 24 * 3600_000).toISOString())

      const sam = people.Sam!
      const samView = await engine.get(created.id, sam)
      expect(samView.data).not.toHaveProperty('secret_note')
      expect(samView.transitions.map((t) => t.key).sort()).toEqual(['convert', 'disqualify'])
      // Tia may not read Sam's lead: the move answers as a read would, never saying it exists
      const tia = await engine.transition(created.id, 'convert', {}, people.Tia!, 3).catch((e) => e)
      expect(code(tia)).toBe('NOT_FOUND')

      const c = await engine.transition(created.id, 'convert', { company: 'Acme Ltd' }, sam, 3)
      expect(c.state).toBe('converted')
      const accountId = c.data.account as string
      const account = await engine.get(accountId, ADMIN)
      expect(account.data).toMatchObject({ name: 'Acme Ltd', region: 'East', lead: created.id })
      const events = await engine.events(created.id, ADMIN)
      expect(events.map((e) => e.type)).toEqual(['created', 'transition', 'transition', 'transition'])
      expect(events[1]?.diff.score).toEqual([50, 70])
      const outbox = await engine.outbox({ recordId: created.id })
      expect(outbox.map((m) => m.kind)).toEqual(['webhook'])
    })

    it("says why a guard refused: the transition in both languages, and the definition's own words", async () => {
      const olga = people.Olga!
      const lead = await engine.submit('crm', 'lead', { email: 'low@example.com', score: 10 }, olga)
      const plain = await engine.transition(lead.id, 'qualify', {}, olga, 1).catch((e) => e)
      expect(plain.localized.en).toContain('qualify')
      const app = leadApp()
      const qualify = app.workflows?.[0]?.transitions.find((t) => t.key === 'qualify')
      if (!qualify) throw new Error('the fixture has a qualify transition')
      qualify.label = { en: 'Qualify', 'zh-CN': '判定合格' }
      qualify.guardMessage = { en: 'a score of at least 60 is needed', 'zh-CN': '评分至少需要 60' }
      await engine.publish('crm_guard', { ...app, key: 'crm_guard' }, ADMIN)
      const other = await engine.submit('crm_guard', 'lead', { email: 'low@example.com', score: 10 }, ADMIN)
      const told = await engine.transition(other.id, 'qualify', {}, ADMIN, 1).catch((e) => e)
      expect(code(told)).toBe('GUARD_FAILED')
      expect(told.localized).toEqual({
        en: 'Qualify is not possible: a score of at least 60 is needed',
        'zh-CN': '无法执行「判定合格」：评分至少需要 60',
      })
      expect(told.details.problems[0].message.en).toBe('a score of at least 60 is needed')
    })

    it('lists with filters, sorts and a stable cursor', async () => {
      const olga = people.Olga!
      for (let i = 0; i < 7; i++) {
        clock.advance(1000)
        await engine.submit(
          'crm',
          'lead',
          { email: `list${i}@example.com`, score: i * 10, region: i % 2 ? 'East' : 'West' },
          olga,
        )
      }
      const page1 = await engine.list(
        'crm',
        'lead',
        { filter: { score: { gte: 20 }, email: { starts: 'list' } }, sort: '-score', limit: 2 },
        olga,
      )
      expect(page1.total).toBe(5)
      expect(page1.items.map((r) => r.data.score)).toEqual([60, 50])
      const page2 = await engine.list(
        'crm',
        'lead',
        {
          filter: { score: { gte: 20 }, email: { starts: 'list' } },
          sort: '-score',
          limit: 2,
          cursor: page1.nextCursor!,
        },
        olga,
      )
      expect(page2.items.map((r) => r.data.score)).toEqual([40, 30])
      const east = await engine.list(
        'crm',
        'lead',
        { filter: { region: 'East', state: { in: ['new'] } } },
        olga,
      )
      expect(east.items.every((r) => r.data.region === 'East')).toBe(true)
      const bad = await engine.list('crm', 'lead', { filter: { nope: 1 } }, olga).catch((e) => e)
      expect(code(bad)).toBe('BAD_REQUEST')
      const q = await engine.list('crm', 'lead', { q: 'LIST3' }, olga)
      expect(q.items.map((r) => r.data.email)).toEqual(['list3@example.com'])
      const samList = await engine.list('crm', 'lead', {}, people.Sam!)
      expect(
        samList.items.every((r) => r.owner === people.Sam!.userId || r.assignee === people.Sam!.userId),
      ).toBe(true)
    })
  })
}
