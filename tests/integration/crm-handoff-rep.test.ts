import { createEngine, createIdentityStore, type Store, type TesseraEngine } from '@tessera/runtime'
import { crmTemplate } from '@tessera/templates'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, addMembers, manualClock, testDatabases } from '../support/db.js'

// The CRM keeps the rep a lead is handed to in its `sales_rep` field (a state's assigneeField), so
// lists, reports by rep and region, and the opportunity a conversion creates all know who owns it.
for (const target of testDatabases()) {
  describe(`the CRM's sales rep follows the handoff on ${target.kind}`, () => {
    let store: Store
    let engine: TesseraEngine
    const clock = manualClock()
    let people: Awaited<ReturnType<typeof addMembers>>

    beforeAll(async () => {
      store = await target.open()
      engine = createEngine({ store, clock })
      await engine.publish('crm', crmTemplate, ADMIN)
      people = await addMembers(store, 'crm', [
        { name: 'Olga', roles: ['operations'] },
        { name: 'Sam', roles: ['sales'], attributes: { region: 'East' } },
        { name: 'Sue', roles: ['sales'], attributes: { region: 'East' } },
        { name: 'Wes', roles: ['sales'], attributes: { region: 'West' } },
      ])
      // the West's only rep has left
      await createIdentityStore(store.db).setActive(people.Wes!.userId!, false)
    })
    afterAll(() => target.dispose())

    it('fills sales_rep on handoff, moves it on escalation, and carries it to the opportunity', async () => {
      const olga = people.Olga!
      const lead = await engine.submit(
        'crm',
        'lead',
        { name: 'Ana', company: 'Acme', email: 'ana@acme.test', region: 'East' },
        olga,
      )
      const q = await engine.transition(
        lead.id,
        'qualify',
        { qualify_note: 'met at a fair' },
        olga,
        lead.version,
      )
      const h = await engine.transition(lead.id, 'hand_off', {}, olga, q.version)
      expect(h.assignee).toBeTruthy()
      expect(h.data.sales_rep).toBe(h.assignee)

      clock.advance(25 * 3600_000)
      expect(await engine.runDueTimers()).toBe(1)
      const escalated = await engine.get(lead.id, ADMIN)
      expect(escalated.assignee).not.toBe(h.assignee)
      expect(escalated.data.sales_rep).toBe(escalated.assignee)

      const rep = [people.Sam!, people.Sue!].find((p) => p.userId === escalated.assignee)!
      const a = await engine.transition(lead.id, 'accept', {}, rep, escalated.version)
      const c = await engine.transition(lead.id, 'convert', {}, rep, a.version)
      expect(c.state).toBe('converted')
      const opportunity = await engine.get(String(c.data.converted_opportunity), ADMIN)
      expect(opportunity.data.sales_rep).toBe(rep.userId)
    })

    it('a lead with no region, or whose region has no active rep, goes round all sales, who may accept it', async () => {
      const olga = people.Olga!
      const reps = [people.Sam!, people.Sue!]
      for (const region of [undefined, 'West']) {
        const lead = await engine.submit(
          'crm',
          'lead',
          {
            name: `Lee ${region ?? 'none'}`,
            email: `lee-${region ?? 'none'}@acme.test`,
            ...(region ? { region } : {}),
          },
          olga,
        )
        const q = await engine.transition(
          lead.id,
          'qualify',
          { qualify_note: 'called us' },
          olga,
          lead.version,
        )
        const h = await engine.transition(lead.id, 'hand_off', {}, olga, q.version)
        const rep = reps.find((p) => p.userId === h.assignee)
        expect(rep, `region ${region}: assignee ${h.assignee}`).toBeDefined()
        expect(h.data.sales_rep).toBe(h.assignee)
        expect((await engine.get(lead.id, rep!)).id).toBe(lead.id)
        const a = await engine.transition(lead.id, 'accept', {}, rep!, h.version)
        expect(a.state).toBe('accepted')
      }
    })

    it('a lead sales returns goes back to operations as a team: out of the rep’s work and list', async () => {
      const olga = people.Olga!
      const lead = await engine.submit(
        'crm',
        'lead',
        { name: 'Bo', email: 'bo@acme.test', region: 'East' },
        olga,
      )
      const q = await engine.transition(
        lead.id,
        'qualify',
        { qualify_note: 'asked for a quote' },
        olga,
        lead.version,
      )
      const h = await engine.transition(lead.id, 'hand_off', {}, olga, q.version)
      const rep = [people.Sam!, people.Sue!].find((p) => p.userId === h.assignee)!
      const back = await engine.transition(lead.id, 'return', { return_reason: 'no_budget' }, rep, h.version)
      expect(back.state).toBe('nurturing')
      expect(back.assignee).toBeNull()
      expect(back.data.return_reason).toBe('no_budget')
      // the rep's own leads no longer include it; operations read it with the reason
      const mine = await engine.list('crm', 'lead', { filter: { state: { eq: 'nurturing' } } }, rep)
      expect(mine.items.map((r) => r.id)).not.toContain(lead.id)
      expect((await engine.get(lead.id, olga)).data.return_reason).toBe('no_budget')
      // operations are told which lead came back and why, in both languages
      const told = (await engine.outbox({})).find(
        (m) => m.payload.recordId === lead.id && m.payload.transition === 'return',
      )
      expect(told?.payload.to).toEqual([olga.userId])
      expect(told?.payload.message).toEqual({
        en: 'Sales returned lead Bo: No budget',
        'zh-CN': '销售退回了线索 Bo：没有预算',
      })
    })

    it('a new lead’s return and disqualify reasons are read-only, and disqualifying it still asks for its reason', async () => {
      const olga = people.Olga!
      const lead = await engine.submit('crm', 'lead', { name: 'Cy', email: 'cy@acme.test' }, olga)
      const seen = await engine.get(lead.id, olga)
      expect(seen.access).toMatchObject({
        return_reason: 'read',
        return_note: 'read',
        disqualify_reason: 'read',
      })
      const refused = await engine.transition(lead.id, 'disqualify', {}, olga, lead.version).catch((e) => e)
      expect(refused.code).toBe('INVALID')
      const out = await engine.transition(
        lead.id,
        'disqualify',
        { disqualify_reason: 'invalid_contact' },
        olga,
        lead.version,
      )
      expect(out.state).toBe('disqualified')
      expect(out.data.disqualify_reason).toBe('invalid_contact')
    })
  })
}
