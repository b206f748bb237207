import { createEngine, isTesseraError, listRecords, type Store, type TesseraEngine } from '@tessera/runtime'
import type { AppDefinition } from '@tessera/schemas'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, addMembers, leadApp, manualClock, testDatabases } from '../support/db.js'

const code = (e: unknown) => (isTesseraError(e) ? e.code : e)

/** An expense approved by countersign: two of three managers (share 0.66). */
function expenseApp(mode: 'all' | 'any' | 'share'): AppDefinition {
  return {
    key: `expense_${mode}`,
    name: 'Expenses',
    roles: [{ key: 'staff' }, { key: 'manager' }],
    forms: [
      {
        key: 'claim',
        title: 'Claim',
        fields: [{ key: 'amount', type: 'money', label: 'Amount', required: true, decimals: 2 }],
      },
    ],
    workflows: [
      {
        key: 'claim_flow',
        form: 'claim',
        initial: 'review',
        states: [
          {
            key: 'review',
            label: 'Review',
            assignee: { role: 'manager' },
            approval: {
              mode,
              ...(mode === 'share' ? { share: 0.66 } : {}),
              approve: 'approve',
              reject: 'reject',
            },
          },
          { key: 'approved', final: true },
          { key: 'rejected', final: true },
        ],
        transitions: [
          { key: 'approve', from: ['review'], to: 'approved', roles: [] },
          { key: 'reject', from: ['review'], to: 'rejected', roles: [] },
        ],
      },
    ],
  }
}

for (const target of testDatabases()) {
  describe(`records on ${target.kind}`, () => {
    let store: Store
    let engine: TesseraEngine
    const clock = manualClock()
    let people: Awaited<ReturnType<typeof addMembers>>

    beforeAll(async () => {
      store = await target.open()
      engine = createEngine({ store, clock })
      const app = leadApp()
      app.duplicates = [{ form: 'account', field: 'name', action: 'flag' }]
      await engine.publish('crm', app, ADMIN)
      people = await addMembers(store, 'crm', [
        { name: 'Olga', roles: ['operations'] },
        { name: 'Sam', roles: ['sales'], attributes: { region: 'East' } },
      ])
    })
    afterAll(() => target.dispose())

    it('C5: money stays an exact decimal string, a bigint round-trips, a sum is exact, counts are numbers', async () => {
      const olga = people.Olga!
      const big = await engine.submit(
        'crm',
        'lead',
        { email: 'c5a@example.com', amount: '12345678901.23', external_id: '9007199254740993' },
        olga,
      )
      expect(big.data.amount).toBe('12345678901.23')
      expect((await engine.get(big.id, olga)).data.external_id).toBe('9007199254740993')
      await engine.submit('crm', 'lead', { email: 'c5b@example.com', amount: '0.10' }, olga)
      await engine.submit('crm', 'lead', { email: 'c5c@example.com', amount: '0.20' }, olga)
      const total = await sql<{ total: string; n: number }>`
        select sum((data->>'amount')::numeric) as total, count(*) as n from record
        where app = 'crm' and form = 'lead' and data->>'email' in ('c5b@example.com', 'c5c@example.com')`.execute(
        store.db,
      )
      expect(total.rows[0]).toEqual({ total: '0.30', n: 2 })
      for (let i = 0; i < 3; i++) {
        const list = await engine.list('crm', 'lead', { filter: { amount: { notEmpty: true } } }, olga)
        expect(typeof list.total).toBe('number')
      }
      const exact = await engine.list('crm', 'lead', { filter: { amount: { eq: '12345678901.23' } } }, olga)
      expect(exact.items.map((r) => r.id)).toEqual([big.id])
    })

    it('a record rebuilt from its events equals the stored one', async () => {
      const olga = people.Olga!
      let r = await engine.submit(
        'crm',
        'lead',
        { email: 'history@example.com', score: 65, region: 'East', company: 'Hist' },
        olga,
      )
      r = await engine.update(r.id, { company: 'History Ltd', secret_note: 'vip' }, olga, r.version)
      r = await engine.transition(r.id, 'qualify', { score: 75 }, olga, r.version)
      r = await engine.transition(r.id, 'hand_off', {}, olga, r.version)
      const events = await engine.events(r.id, ADMIN)
      const data: Record<string, unknown> = {}
      let state: string | null = null
      for (const e of events) {
        for (const [k, [, after]] of Object.entries(e.diff)) {
          if (after === null) delete data[k]
          else data[k] = after
        }
        state = e.to ?? state
      }
      const stored = await engine.get(r.id, ADMIN)
      expect(data).toEqual(stored.data)
      expect(state).toBe(stored.state)
      expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4])
    })

    it('withholds hidden fields from data, events and lists for those who may not see them', async () => {
      const olga = people.Olga!
      const sam = people.Sam!
      let r = await engine.submit(
        'crm',
        'lead',
        { email: 'hidden@example.com', score: 90, region: 'East', secret_note: 'margin 40%' },
        olga,
      )
      r = await engine.transition(r.id, 'qualify', {}, olga, r.version)
      r = await engine.transition(r.id, 'hand_off', {}, olga, r.version)
      expect(r.assignee).toBe(sam.userId)
      expect((await engine.get(r.id, olga)).data.secret_note).toBe('margin 40%')
      const seen = await engine.get(r.id, sam)
      expect(seen.data).not.toHaveProperty('secret_note')
      expect(seen.access.secret_note).toBe('hidden')
      for (const e of await engine.events(r.id, sam)) expect(e.diff).not.toHaveProperty('secret_note')
      const list = await engine.list('crm', 'lead', {}, sam)
      expect(list.items.map((i) => i.id)).toContain(r.id)
      for (const item of list.items) expect(item.data).not.toHaveProperty('secret_note')
      const filter = await engine
        .list('crm', 'lead', { filter: { secret_note: { contains: 'margin' } } }, sam)
        .catch(code)
      expect(filter).toBe('BAD_REQUEST')
    })

    it('edits only what the state lets the actor edit; requires are writable in the transition payload', async () => {
      const olga = people.Olga!
      const sam = people.Sam!
      let r = await engine.submit(
        'crm',
        'lead',
        { email: 'edit@example.com', score: 90, region: 'East' },
        olga,
      )
      r = await engine.transition(r.id, 'qualify', {}, olga, r.version)
      r = await engine.transition(r.id, 'hand_off', {}, olga, r.version)
      const readOnly = await engine
        .update(r.id, { email: 'other@example.com' }, sam, r.version)
        .catch((e: unknown) => e)
      expect(code(readOnly)).toBe('INVALID')
      r = await engine.update(r.id, { company: 'Sam Co' }, sam, r.version)
      expect(r.data.company).toBe('Sam Co')
      const missing = await engine.transition(r.id, 'disqualify', {}, sam, r.version).catch((e: unknown) => e)
      expect(code(missing)).toBe('INVALID')
      expect(isTesseraError(missing) && missing.details?.problems?.map((p) => p.path)).toEqual([
        '/disqualify_reason',
      ])
      r = await engine.transition(r.id, 'disqualify', { disqualify_reason: 'no budget' }, sam, r.version)
      expect(r).toMatchObject({ state: 'disqualified', data: { disqualify_reason: 'no budget' } })
      const systemOnly = await engine.transition(r.id, 'escalate', {}, ADMIN, r.version).catch(code)
      expect(systemOnly).toBe('TRANSITION_NOT_OPEN')
    })

    it('checks relations in the transaction and reports the path', async () => {
      const olga = people.Olga!
      const e = await engine
        .submit(
          'crm',
          'lead',
          { email: 'rel@example.com', account: '00000000-0000-4000-8000-000000000000' },
          olga,
        )
        .catch((x: unknown) => x)
      expect(code(e)).toBe('INVALID')
      expect(isTesseraError(e) && e.details?.problems?.[0]).toMatchObject({
        path: '/account',
        code: 'reference_missing',
      })
    })

    it('C9/C11: converting links the existing account whose name matches (curly apostrophe), filling only empty fields', async () => {
      const sam = people.Sam!
      const existing = await engine.submit('crm', 'account', { name: "O'Brien Logistics" }, ADMIN)
      let lead = await engine.submit(
        'crm',
        'lead',
        { email: 'obrien@example.com', region: 'East', company: 'O’Brien  Logistics' },
        ADMIN,
        {
          importState: 'handed_off',
        },
      )
      expect(lead.assignee).toBe(sam.userId)
      lead = await engine.transition(lead.id, 'convert', {}, sam, lead.version)
      expect(lead.data.account).toBe(existing.id)
      const account = await engine.get(existing.id, ADMIN)
      expect(account.data).toMatchObject({ name: "O'Brien Logistics", region: 'East', lead: lead.id })
      const events = await engine.events(lead.id, ADMIN)
      expect(events.at(-1)?.meta?.linked).toEqual([
        {
          form: 'account',
          id: existing.id,
          filled: ['region', 'lead'],
          conflicts: [{ field: 'name', kept: "O'Brien Logistics", offered: 'O’Brien  Logistics' }],
        },
      ])
      const again = await engine.transition(lead.id, 'convert', {}, sam, lead.version).catch(code)
      expect(again).toBe('TRANSITION_NOT_OPEN')
    })

    it('C9: a soft duplicate rule flags the second record with the same normalized value, also under concurrency', async () => {
      const results = await Promise.all(
        ['Acme Corp', ' acme   corp ', 'ACME CORP'].map((name) =>
          engine.submit('crm', 'account', { name }, ADMIN),
        ),
      )
      const firsts = results.filter((r) => !r.duplicateOf)
      expect(firsts).toHaveLength(1)
      for (const r of results) if (r.duplicateOf) expect(r.duplicateOf).toBe(firsts[0]!.id)
    })

    it('import places a record in a state with an imported event, and an external key updates it', async () => {
      const a = await engine.submit('crm', 'lead', { email: 'imp@example.com', score: 10 }, ADMIN, {
        importState: 'disqualified',
        externalKey: 'X-1',
      })
      expect(a.state).toBe('disqualified')
      const b = await engine.submit('crm', 'lead', { email: 'imp@example.com', score: 20 }, ADMIN, {
        importState: 'disqualified',
        externalKey: 'X-1',
      })
      expect(b.id).toBe(a.id)
      expect(b.data.score).toBe(20)
      const events = await engine.events(a.id, ADMIN)
      expect(events.map((e) => e.type)).toEqual(['imported', 'imported'])
      const forbidden = await engine
        .submit('crm', 'lead', { email: 'imp2@example.com' }, people.Sam!, { importState: 'new' })
        .catch(code)
      expect(forbidden).toBe('FORBIDDEN')
    })

    it('a draft is saved without required checks, resumed by its author, then submitted in full', async () => {
      const olga = people.Olga!
      const draft = await engine.submit('crm', 'lead', { company: 'Half done' }, olga, { draft: true })
      expect(draft.state).toBeNull()
      expect(draft.data.number).toBeUndefined()
      const other = await engine
        .finalizeDraft(draft.id, { email: 'draft@example.com' }, people.Sam!, draft.version)
        .catch(code)
      expect(other).toBe('FORBIDDEN')
      const missing = await engine.finalizeDraft(draft.id, {}, olga, draft.version).catch(code)
      expect(missing).toBe('INVALID')
      const done = await engine.finalizeDraft(draft.id, { email: 'draft@example.com' }, olga, draft.version)
      expect(done).toMatchObject({
        id: draft.id,
        state: 'new',
        data: { company: 'Half done', email: 'draft@example.com' },
      })
      expect(typeof done.data.number).toBe('string')
    })

    it('a removed record disappears from reads and lists and gives its unique value back', async () => {
      const olga = people.Olga!
      const r = await engine.submit('crm', 'lead', { email: 'gone@example.com' }, olga)
      // Sam may not read Olga's lead: the delete answers as a read would, never saying it exists
      const sam = await engine.remove(r.id, people.Sam!, r.version).catch(code)
      expect(sam).toBe('NOT_FOUND')
      await engine.remove(r.id, ADMIN, r.version)
      expect(await engine.get(r.id, ADMIN).catch(code)).toBe('NOT_FOUND')
      const list = await engine.list('crm', 'lead', { filter: { email: 'gone@example.com' } }, olga)
      expect(list.total).toBe(0)
      const again = await engine.submit('crm', 'lead', { email: 'gone@example.com' }, olga)
      expect(again.id).not.toBe(r.id)
    })

    it('keyset pages stay stable while records are inserted in between', async () => {
      const olga = people.Olga!
      for (let i = 0; i < 6; i++) {
        clock.advance(1000)
        await engine.submit('crm', 'lead', { email: `page${i}@example.com`, company: 'Pager' }, olga)
      }
      const query = { filter: { company: 'Pager' }, sort: '-created_at', limit: 3 }
      const first = await engine.list('crm', 'lead', query, olga)
      clock.advance(1000)
      await engine.submit('crm', 'lead', { email: 'page-new@example.com', company: 'Pager' }, olga)
      const second = await engine.list('crm', 'lead', { ...query, cursor: first.nextCursor! }, olga)
      expect(first.items.map((r) => r.data.email)).toEqual([
        'page5@example.com',
        'page4@example.com',
        'page3@example.com',
      ])
      expect(second.items.map((r) => r.data.email)).toEqual([
        'page2@example.com',
        'page1@example.com',
        'page0@example.com',
      ])
      expect(second.total).toBe(7)
      expect(second.nextCursor).toBeNull()
    })

    it('a total past the exact limit is the planner estimate, flagged; below it the true count', async () => {
      const olga = people.Olga!
      for (let i = 0; i < 8; i++)
        await engine.submit('crm', 'lead', { email: `cap${i}@example.com`, company: 'Capped' }, olga)
      const fields = leadApp().forms.find((f) => f.key === 'lead')!.fields
      const params = { app: 'crm', form: 'lead', fields, filter: { company: 'Capped' }, limit: 3 }
      const exact = await listRecords(store.db, { ...params, exactTotalUpTo: 8 })
      expect(exact).toMatchObject({ total: 8, totalIsEstimate: false })
      const estimated = await listRecords(store.db, { ...params, exactTotalUpTo: 5 })
      expect(estimated.totalIsEstimate).toBe(true)
      // never below what the capped count saw
      expect(estimated.total).toBeGreaterThanOrEqual(6)
      expect(estimated.rows.map((r) => r.data.email)).toEqual(exact.rows.map((r) => r.data.email))
      const viaEngine = await engine.list('crm', 'lead', { filter: { company: 'Capped' } }, olga)
      expect(viaEngine).toMatchObject({ total: 8, totalIsEstimate: false })
    })

    it('keyset pages over system columns visit every record once, in order, either direction', async () => {
      const fields = leadApp().forms.find((f) => f.key === 'lead')!.fields
      const all = (await engine.list('crm', 'lead', { limit: 500, exactTotal: true }, ADMIN)).items
      for (const sort of ['-created_at', 'created_at', '-updated_at', 'updated_at', '-id']) {
        const seen: string[] = []
        let cursor: string | undefined
        do {
          const page = await listRecords(store.db, {
            app: 'crm',
            form: 'lead',
            fields,
            sort,
            limit: 4,
            ...(cursor ? { cursor } : {}),
          })
          seen.push(...page.rows.map((r) => r.id))
          cursor = page.nextCursor ?? undefined
        } while (cursor)
        const whole = await listRecords(store.db, { app: 'crm', form: 'lead', fields, sort, limit: 500 })
        expect(seen, sort).toEqual(whole.rows.map((r) => r.id))
        expect(new Set(seen).size, sort).toBe(all.length)
      }
    })

    it('C9: an import batch commits the good rows and reports the duplicate row, a re-import is unchanged', async () => {
      const rows = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((x, i) => ({
        data: { email: i === 6 ? 'Batch-B@Example.com' : `batch-${x}@example.com`, score: i },
        options: { externalKey: `B-${i}`, importState: 'new' },
      }))
      const results = await engine.importBatch('crm', 'lead', rows, ADMIN)
      expect(results.map((r) => (r.ok ? r.outcome : code(r.error)))).toEqual([
        'created',
        'created',
        'created',
        'created',
        'created',
        'created',
        'UNIQUE_VIOLATION',
      ])
      const stored = await engine.list('crm', 'lead', { filter: { email: { starts: 'batch-' } } }, ADMIN)
      expect(stored.total).toBe(6)
      const again = await engine.importBatch('crm', 'lead', rows.slice(0, 2), ADMIN)
      expect(again.map((r) => r.ok && r.outcome)).toEqual(['unchanged', 'unchanged'])
      const changed = await engine.importBatch(
        'crm',
        'lead',
        [{ ...rows[0]!, data: { email: 'batch-a@example.com', score: 99 } }],
        ADMIN,
      )
      expect(changed[0]?.ok && changed[0].record).toMatchObject({
        importOutcome: 'updated',
        data: { score: 99 },
      })
    })

    it('a `where` row scope limits reads and lists alike', async () => {
      const app = leadApp('scoped')
      const lead = app.forms[0]!
      lead.permissions = {
        ...lead.permissions,
        sales: {
          create: true,
          read: {
            where: { or: [{ '==': [{ var: 'region' }, 'East'] }, { '==': [{ var: 'state' }, 'qualified'] }] },
          },
        },
      }
      await engine.publish('scoped', app, ADMIN)
      const m = await addMembers(store, 'scoped', [
        { name: 'Sid', roles: ['sales'], attributes: { region: 'East' } },
      ])
      const sid = m.Sid!
      const east = await engine.submit('scoped', 'lead', { email: 'e@scoped.io', region: 'East' }, ADMIN)
      const west = await engine.submit('scoped', 'lead', { email: 'w@scoped.io', region: 'West' }, ADMIN)
      const qualified = await engine.submit(
        'scoped',
        'lead',
        { email: 'q@scoped.io', region: 'West' },
        ADMIN,
        { importState: 'qualified' },
      )
      const list = await engine.list('scoped', 'lead', {}, sid)
      expect(list.items.map((r) => r.id).sort()).toEqual([east.id, qualified.id].sort())
      expect(list.total).toBe(2)
      expect((await engine.get(east.id, sid)).id).toBe(east.id)
      expect(await engine.get(west.id, sid).catch(code)).toBe('NOT_FOUND')
    })

    for (const [mode, votes, outcome] of [
      ['all', ['approve', 'approve', 'approve'], 'approved'],
      ['all', ['approve', 'reject'], 'rejected'],
      ['any', ['reject', 'approve'], 'approved'],
      ['share', ['approve', 'reject', 'approve'], 'approved'],
      ['share', ['reject', 'reject'], 'rejected'],
    ] as const) {
      it(`approval (${mode}): ${votes.join(', ')} -> ${outcome}`, async () => {
        const app = expenseApp(mode)
        const key = `${app.key}_${votes.join('_')}`
        await engine.publish(key, { ...app, key }, ADMIN)
        const m = await addMembers(store, key, [
          { name: 'M1', roles: ['manager'] },
          { name: 'M2', roles: ['manager'] },
          { name: 'M3', roles: ['manager'] },
        ])
        let r = await engine.submit(key, 'claim', { amount: '12.50' }, ADMIN)
        const detail = await engine.get(r.id, ADMIN)
        expect(detail.approval?.pending).toHaveLength(3)
        const managers = [m.M1!, m.M2!, m.M3!]
        for (const [i, vote] of votes.entries()) {
          r = await engine.decide(r.id, vote, `vote ${i}`, managers[i]!, r.version)
        }
        expect(r.state).toBe(outcome)
        const twice = await engine.decide(r.id, 'approve', undefined, managers[0]!, r.version).catch(code)
        expect(twice).toBe('TRANSITION_NOT_OPEN')
        const decisions = (await engine.events(r.id, ADMIN)).filter((e) => e.type === 'decision')
        expect(decisions.map((e) => e.meta?.decision)).toEqual([...votes])
      })
    }
  })
}
