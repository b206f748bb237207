import { type AppDefinition, formulaKind } from '@tessera/schemas'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../engine/engine.js'
import { ADMIN } from '../engine/test-kit.js'
import type { Store } from './dialect.js'
import { type ListParams, listCountQuery, listPageQuery, listRecords } from './list-query.js'
import { testDatabases } from './test-databases.js'

const app = (views: AppDefinition['views'], withFormula = true): AppDefinition => ({
  key: 'ranked',
  name: 'Ranked',
  roles: [{ key: 'staff' }],
  forms: [
    {
      key: 'item',
      title: 'Item',
      fields: [
        { key: 'title', type: 'text', label: 'Title' },
        { key: 'score', type: 'integer', label: 'Score' },
        ...(withFormula
          ? [
              {
                key: 'double',
                type: 'formula' as const,
                label: 'Double',
                expression: { '*': [{ var: 'score' }, 2] },
              },
            ]
          : []),
      ],
    },
  ],
  views,
})

/** The plan of a list page as the engine runs it, as one text. */
async function planOf(store: Store, p: ListParams): Promise<string> {
  const explained = await sql<Record<string, string>>`explain ${listPageQuery(p)}`.execute(store.db)
  return explained.rows.map((r) => Object.values(r).join(' ')).join('\n')
}

const indexesOf = async (store: Store) =>
  (
    await store.db
      .selectFrom('list_index')
      .select(['name', 'form', 'field'])
      .where('app', '=', 'ranked')
      .execute()
  ).sort((a, b) => a.field.localeCompare(b.field))

for (const target of testDatabases()) {
  describe(`per-field list indexes on ${target.kind}`, () => {
    let store: Store
    const first = app([{ key: 'top', form: 'item', sort: '-score' }])
    const fields = first.forms[0]?.fields ?? []

    beforeAll(async () => {
      store = await target.open()
      const engine = createEngine({ store })
      const published = await engine.publish('ranked', first, ADMIN)
      expect(published.listIndexes?.failed).toEqual([])
      const tmpl = await engine.submit('ranked', 'item', { title: 'Item 0', score: 0 }, ADMIN)
      // enough rows that a sort of every match costs more than the index walk
      await sql`
        insert into record (app, form, form_version, owner, created_at, updated_at, version, data, search)
        select app, form, form_version, owner, now(), now(), 1,
               jsonb_build_object('title', 'Item ' || g, 'score', (g * 37) % 101, 'double', (((g * 37) % 101) * 2)::text),
               'item ' || g
        from record, generate_series(1, 5000) g where id = ${tmpl.id}`.execute(store.db)
      await sql`analyze record`.execute(store.db)
    })
    afterAll(() => target.dispose())

    it('builds an index for the field a view sorts by and for a numeric formula, at publish', async () => {
      expect(formulaKind(fields[2]!)).toBe('number')
      expect((await indexesOf(store)).map((i) => i.field)).toEqual(['double', 'score'])
    })

    it('serves a sort by the field, both ways, and a range filter on it from the index', async () => {
      const [score, double] = (await indexesOf(store)).map((i) => i.name).reverse()
      const base = { app: 'ranked', form: 'item', fields, limit: 50 }
      for (const sort of ['-score', 'score'])
        expect(await planOf(store, { ...base, sort, filter: { score: { gte: 60 } } })).toContain(score)
      expect(await planOf(store, { ...base, sort: '-double' })).toContain(double)
      // the index changes the plan, not the answer
      const page = await listRecords(store.db, { ...base, sort: '-score', filter: { score: { gte: 60 } } })
      const scores = page.rows.map((r) => Number(r.data.score))
      expect(scores).toEqual([...scores].sort((a, b) => b - a))
      expect(scores[0]).toBe(100)
    })

    it("counts a list's matches from record alone: the join with the instance is dropped when no filter reads it", async () => {
      const base = { app: 'ranked', form: 'item', fields, limit: 50 }
      const plan = async (p: ListParams) =>
        (await sql<Record<string, string>>`explain ${listCountQuery(p)}`.execute(store.db)).rows
          .map((r) => Object.values(r).join(' '))
          .join('\n')
      // joined on its whole key (record_id, app), the instance is at most one row: the planner leaves it out
      expect(await plan({ ...base, filter: { score: { gte: 60 } } })).not.toContain('workflow_instance')
      expect(await plan({ ...base, filter: { state: { eq: 'new' } } })).toContain('workflow_instance')
    })

    it('drops the indexes of fields no view sorts by and formulas that are gone, at the next publish', async () => {
      const engine = createEngine({ store })
      const before = await indexesOf(store)
      const next = await engine.publish(
        'ranked',
        app([{ key: 'by_title', form: 'item', sort: 'title' }], false),
        ADMIN,
      )
      expect(next.listIndexes?.dropped.sort()).toEqual(before.map((i) => i.name).sort())
      expect((await indexesOf(store)).map((i) => i.field)).toEqual(['title'])
      const left = await sql<{ indexname: string }>`
        select indexname from pg_indexes where tablename = 'record' and indexname like 'record_by_%'`.execute(
        store.db,
      )
      expect(left.rows.map((r) => r.indexname)).toEqual((await indexesOf(store)).map((i) => i.name))
    })
  })
}
