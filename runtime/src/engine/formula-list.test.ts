import type { AppDefinition } from '@tessera/schemas'
import { afterAll, describe, expect, it } from 'vitest'
import { isTesseraError } from '../errors.js'
import { testDatabases } from '../store/test-databases.js'
import { createEngine } from './engine.js'
import { ADMIN, manualClock } from './test-kit.js'

// A score computed by a formula (stored as a decimal string) lists as a number: 9 before 10.
const app: AppDefinition = {
  key: 'sc',
  name: 'Scores',
  roles: [],
  forms: [
    {
      key: 'lead',
      title: 'Lead',
      fields: [
        { key: 'name', type: 'text' },
        { key: 'visits', type: 'integer' },
        { key: 'score', type: 'formula', expression: { round: [{ '*': [{ var: 'visits' }, 1] }, 0] } },
        {
          key: 'grade',
          type: 'formula',
          expression: { if: [{ '>=': [{ var: 'score' }, 10] }, 'A', 'D'] },
        },
      ],
    },
  ],
}

for (const target of testDatabases()) {
  describe(`numeric formulas in lists on ${target.kind}`, () => {
    afterAll(() => target.dispose())

    it('sort and range filters compare a numeric formula as a number, text formulas as text', async () => {
      const store = await target.open()
      const engine = createEngine({ store, clock: manualClock() })
      await engine.publish('sc', app, { ...ADMIN, system: true })
      for (const [name, visits] of [
        ['nine', 9],
        ['ten', 10],
        ['eighty', 80],
        ['five', 5],
      ] as const)
        await engine.submit('sc', 'lead', { name, visits }, ADMIN)
      const names = async (q: Parameters<typeof engine.list>[2]) =>
        (await engine.list('sc', 'lead', q, ADMIN)).items.map((r) => r.data.name)
      expect(await names({ sort: '-score' })).toEqual(['eighty', 'ten', 'nine', 'five'])
      expect(await names({ sort: 'score', filter: { score: { gte: 9 } } })).toEqual(['nine', 'ten', 'eighty'])
      expect(await names({ sort: 'score', filter: { score: { between: [6, 20] } } })).toEqual(['nine', 'ten'])
      expect(await names({ sort: 'name', filter: { grade: { eq: 'A' } } })).toEqual(['eighty', 'ten'])
      // a number filter on a number is checked: "abc" is a bad request, not an empty page
      const refused = await engine
        .list('sc', 'lead', { filter: { score: { gte: 'abc' } } }, ADMIN)
        .catch((e) => e)
      expect(isTesseraError(refused) && refused.code).toBe('BAD_REQUEST')
    })
  })
}
