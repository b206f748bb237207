import type { AppDefinition } from '@tessera/schemas'
import { createEngine, isTesseraError, type Store, type TesseraEngine } from '@tessera/runtime'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, addMembers, manualClock, testDatabases } from '../support/db.js'

/** Accounts with rollups over their opportunities, contacts with lookups of their account, products that fill prices. */
function linkedApp(): AppDefinition {
  return {
    key: 'linked',
    name: 'Linked',
    roles: [{ key: 'sales' }, { key: 'intern' }],
    forms: [
      {
        key: 'account',
        title: 'Account',
        fields: [
          { key: 'name', type: 'text' },
          { key: 'sector', type: 'select', options: [{ value: 'retail' }, { value: 'tech' }] },
          {
            key: 'open_pipeline',
            type: 'rollup',
            form: 'opportunity',
            relation: 'account',
            op: 'sum',
            field: 'amount',
            where: { '!': { in: [{ var: 'state' }, ['won', 'lost']] } },
          },
          { key: 'deals', type: 'rollup', form: 'opportunity', relation: 'account', op: 'count' },
          {
            key: 'average',
            type: 'rollup',
            form: 'opportunity',
            relation: 'account',
            op: 'avg',
            field: 'amount',
          },
          {
            key: 'last_close',
            type: 'rollup',
            form: 'opportunity',
            relation: 'account',
            op: 'max',
            field: 'close',
          },
        ],
        permissions: {
          sales: { create: true, read: 'all', edit: 'all', delete: 'all' },
          intern: { create: true, read: 'own', edit: 'own' },
        },
      },
      {
        key: 'contact',
        title: 'Contact',
        fields: [
          { key: 'name', type: 'text' },
          { key: 'account', type: 'relation', target: 'account' },
          { key: 'account_sector', type: 'lookup', relation: 'account', field: 'sector' },
          { key: 'account_pipeline', type: 'lookup', relation: 'account', field: 'open_pipeline' },
        ],
      },
      { key: 'product', title: 'Product', fields: [{ key: 'list_price', type: 'money' }] },
      {
        key: 'opportunity',
        title: 'Opportunity',
        fields: [
          { key: 'account', type: 'relation', target: 'account' },
          { key: 'product', type: 'relation', target: 'product', fill: { amount: 'list_price' } },
          { key: 'amount', type: 'money' },
          { key: 'close', type: 'date' },
        ],
      },
    ],
    workflows: [
      {
        key: 'deal_flow',
        form: 'opportunity',
        initial: 'open',
        states: [{ key: 'open' }, { key: 'won', final: true }, { key: 'lost', final: true }],
        transitions: [
          { key: 'win', from: ['open'], to: 'won', roles: ['sales'] },
          { key: 'lose', from: ['open'], to: 'lost', roles: ['sales'] },
        ],
      },
    ],
  }
}

for (const target of testDatabases()) {
  describe(`lookups, rollups and fill on ${target.kind}`, () => {
    let store: Store
    let engine: TesseraEngine
    const clock = manualClock()
    let people: Awaited<ReturnType<typeof addMembers>>

    beforeAll(async () => {
      store = await target.open({ poolSize: 10 })
      engine = createEngine({ store, clock })
      await engine.publish('linked', linkedApp(), ADMIN)
      people = await addMembers(store, 'linked', [
        { name: 'Sam', roles: ['sales'] },
        { name: 'Ivy', roles: ['intern'] },
      ])
    })
    afterAll(() => target.dispose())

    const account = (data: Record<string, unknown>) => engine.submit('linked', 'account', data, ADMIN)
    const deal = (data: Record<string, unknown>) => engine.submit('linked', 'opportunity', data, ADMIN)
    const get = async (id: string) => (await engine.get(id, ADMIN)).data
    const listed = async (form: string, id: string) =>
      (await engine.list('linked', form, { filter: { id } }, ADMIN)).items[0]?.data

    it('a lookup shows the related field, in a list and in one record, and follows its updates', async () => {
      const acme = await account({ name: 'Acme', sector: 'retail' })
      const ann = await engine.submit('linked', 'contact', { name: 'Ann', account: acme.id }, ADMIN)
      expect(ann.data.account_sector).toBe('retail')
      expect(await listed('contact', ann.id)).toMatchObject({ account_sector: 'retail' })
      await engine.update(acme.id, { sector: 'tech' }, ADMIN, acme.version)
      expect((await get(ann.id)).account_sector).toBe('tech')
      expect(await listed('contact', ann.id)).toMatchObject({ account_sector: 'tech' })
    })

    it('a lookup is absent once the related record is deleted, and a sent value is never stored', async () => {
      const gone = await account({ name: 'Gone', sector: 'tech' })
      const bob = await engine.submit(
        'linked',
        'contact',
        { name: 'Bob', account: gone.id, account_sector: 'retail' },
        ADMIN,
      )
      expect(bob.data.account_sector).toBe('tech')
      const stored = await sql<{
        data: Record<string, unknown>
      }>`select data from record where id = ${bob.id}`.execute(store.db)
      expect(stored.rows[0]?.data).not.toHaveProperty('account_sector')
      await engine.remove(gone.id, ADMIN, gone.version)
      expect(await get(bob.id)).not.toHaveProperty('account_sector')
      expect(await listed('contact', bob.id)).not.toHaveProperty('account_sector')
    })

    it('rollups sum money exactly, count, average and take the latest date; open pipeline leaves won deals out', async () => {
      const a = await account({ name: 'Sums' })
      expect(await get(a.id)).toMatchObject({ open_pipeline: '0.00', deals: 0 })
      expect(await get(a.id)).not.toHaveProperty('average')
      const d1 = await deal({ account: a.id, amount: '0.10', close: '2026-01-05' })
      await deal({ account: a.id, amount: '0.20', close: '2026-03-01' })
      const d3 = await deal({ account: a.id, amount: '9007199254740993.01' })
      expect(await get(a.id)).toMatchObject({
        open_pipeline: '9007199254740993.31',
        deals: 3,
        average: '3002399751580331.10',
        last_close: '2026-03-01',
      })
      await engine.transition(d3.id, 'win', {}, ADMIN, d3.version)
      expect((await get(a.id)).open_pipeline).toBe('0.30')
      await engine.update(d1.id, { amount: '5.05' }, ADMIN, d1.version)
      expect(await listed('account', a.id)).toMatchObject({ open_pipeline: '5.25', deals: 3 })
      const fresh = await engine.get(d1.id, ADMIN)
      await engine.remove(d1.id, ADMIN, fresh.version)
      expect(await get(a.id)).toMatchObject({ open_pipeline: '0.20', deals: 2, last_close: '2026-03-01' })
    })

    it('a lookup of a rollup follows the related records two hops away', async () => {
      const a = await account({ name: 'Chain' })
      const c = await engine.submit('linked', 'contact', { name: 'Cy', account: a.id }, ADMIN)
      await deal({ account: a.id, amount: '12.34' })
      expect((await get(c.id)).account_pipeline).toBe('12.34')
    })

    it('concurrent changes of related records all count', async () => {
      const a = await account({ name: 'Busy' })
      const made = await Promise.all(
        Array.from({ length: 12 }, () => deal({ account: a.id, amount: '1.01' })),
      )
      expect(await get(a.id)).toMatchObject({ open_pipeline: '12.12', deals: 12 })
      await Promise.all([
        engine.update(made[0]!.id, { amount: '2.01' }, ADMIN, made[0]!.version),
        engine.update(made[1]!.id, { amount: '3.01' }, ADMIN, made[1]!.version),
        engine.transition(made[2]!.id, 'lose', {}, ADMIN, made[2]!.version),
      ])
      expect(await get(a.id)).toMatchObject({ open_pipeline: '14.11', deals: 12 })
    })

    it('filters and sorts by a rollup and a lookup like any field', async () => {
      const small = await account({ name: 'FS small', sector: 'retail' })
      const big = await account({ name: 'FS big', sector: 'tech' })
      await deal({ account: small.id, amount: '10.00' })
      await deal({ account: big.id, amount: '500.00' })
      await deal({ account: big.id, amount: '0.01' })
      const names = async (query: Parameters<TesseraEngine['list']>[2]) =>
        (await engine.list('linked', 'account', query, ADMIN)).items.map((r) => r.data.name)
      expect(await names({ filter: { name: { starts: 'FS ' }, open_pipeline: { gt: '10' } } })).toEqual([
        'FS big',
      ])
      expect(await names({ filter: { name: { starts: 'FS ' } }, sort: '-open_pipeline' })).toEqual([
        'FS big',
        'FS small',
      ])
      expect(await names({ filter: { name: { starts: 'FS ' } }, sort: 'deals,name' })).toEqual([
        'FS small',
        'FS big',
      ])
      // keyset pages over a rollup sort: one item per page, nothing lost or repeated
      const first = await engine.list(
        'linked',
        'account',
        { filter: { name: { starts: 'FS ' } }, sort: 'open_pipeline', limit: 1 },
        ADMIN,
      )
      const second = await engine.list(
        'linked',
        'account',
        { filter: { name: { starts: 'FS ' } }, sort: 'open_pipeline', limit: 1, cursor: first.nextCursor! },
        ADMIN,
      )
      expect([first.items[0]?.data.name, second.items[0]?.data.name]).toEqual(['FS small', 'FS big'])
      const c1 = await engine.submit('linked', 'contact', { name: 'FS c1', account: small.id }, ADMIN)
      await engine.submit('linked', 'contact', { name: 'FS c2' }, ADMIN)
      const contacts = async (filter: Record<string, unknown>) =>
        (
          await engine.list('linked', 'contact', { filter: { name: { starts: 'FS ' }, ...filter } }, ADMIN)
        ).items.map((r) => r.id)
      expect(await contacts({ account_sector: 'retail' })).toEqual([c1.id])
      expect(await contacts({ account_sector: { empty: true } })).toHaveLength(1)
      expect(await contacts({ account_sector: { empty: true } })).not.toContain(c1.id)
    })

    it('withholds a lookup from a reader who may not read every record it could come from', async () => {
      const a = await account({ name: 'Secret', sector: 'tech' })
      const c = await engine.submit('linked', 'contact', { name: 'Sid', account: a.id }, ADMIN)
      const ivy = people.Ivy!
      expect((await engine.get(c.id, ivy)).data).not.toHaveProperty('account_sector')
      expect((await engine.get(c.id, ivy)).access.account_sector).toBe('hidden')
      expect((await engine.get(c.id, people.Sam!)).data.account_sector).toBe('tech')
      const e = await engine
        .list('linked', 'contact', { filter: { account_sector: 'tech' } }, ivy)
        .catch((x: unknown) => x)
      expect(isTesseraError(e) && e.code).toBe('BAD_REQUEST')
    })

    it('choosing a product fills the amount on submit; a sent amount wins; a changed product fills it again', async () => {
      const cheap = await engine.submit('linked', 'product', { list_price: '99.50' }, ADMIN)
      const dear = await engine.submit('linked', 'product', { list_price: '1200.00' }, ADMIN)
      const plain = await engine.submit('linked', 'product', {}, ADMIN)
      const filled = await deal({ product: cheap.id })
      expect(filled.data.amount).toBe('99.50')
      const negotiated = await deal({ product: cheap.id, amount: '80.00' })
      expect(negotiated.data.amount).toBe('80.00')
      const moved = await engine.update(filled.id, { product: dear.id }, ADMIN, filled.version)
      expect(moved.data.amount).toBe('1200.00')
      const kept = await engine.update(moved.id, { close: '2026-05-01' }, ADMIN, moved.version)
      expect(kept.data.amount).toBe('1200.00')
      const cleared = await engine.update(kept.id, { product: plain.id }, ADMIN, kept.version)
      expect(cleared.data).not.toHaveProperty('amount')
    })

    it("re-pointing a deal moves it between two accounts' rollups; re-pointing a contact changes its lookup", async () => {
      const from = await account({ name: 'From', sector: 'retail' })
      const to = await account({ name: 'To', sector: 'tech' })
      const d = await deal({ account: from.id, amount: '7.00' })
      const c = await engine.submit('linked', 'contact', { name: 'Mo', account: from.id }, ADMIN)
      expect(await get(from.id)).toMatchObject({ open_pipeline: '7.00', deals: 1 })
      await engine.update(d.id, { account: to.id }, ADMIN, d.version)
      await engine.update(c.id, { account: to.id }, ADMIN, c.version)
      expect(await get(from.id)).toMatchObject({ open_pipeline: '0.00', deals: 0 })
      expect(await listed('account', to.id)).toMatchObject({ open_pipeline: '7.00', deals: 1 })
      expect(await get(c.id)).toMatchObject({ account_sector: 'tech', account_pipeline: '7.00' })
      // the deal's amount changes: the contact's lookup of the account's rollup follows it
      const moved = await engine.get(d.id, ADMIN)
      await engine.update(moved.id, { amount: '8.50' }, ADMIN, moved.version)
      expect((await get(c.id)).account_pipeline).toBe('8.50')
    })

    it('an import stores history as it was, and fills from the chosen record only when the step asks', async () => {
      const p = await engine.submit('linked', 'product', { list_price: '550.00' }, ADMIN)
      const [asWas, filled, sent] = await engine.importBatch!(
        'linked',
        'opportunity',
        [
          { data: { product: p.id }, options: { externalKey: 'F-1', importState: 'open' } },
          { data: { product: p.id }, options: { externalKey: 'F-2', importState: 'open', fill: true } },
          {
            data: { product: p.id, amount: '500.00' },
            options: { externalKey: 'F-3', importState: 'won', fill: true },
          },
        ],
        ADMIN,
      )
      expect(asWas?.ok && asWas.record.data).not.toHaveProperty('amount')
      expect(filled?.ok && filled.record.data.amount).toBe('550.00')
      expect(sent?.ok && sent.record.data.amount).toBe('500.00')
    })
  })
}
