import { afterAll, describe, expect, it } from 'vitest'
import { isTesseraError } from '../errors.js'
import { createDepartmentStore } from './department-store.js'
import { createIdentityStore } from './identity-store.js'
import { testDatabases } from './test-databases.js'

const codeOf = (e: unknown) => (isTesseraError(e) ? e.code : String(e))

for (const target of testDatabases()) {
  describe(`departments on ${target.kind}`, () => {
    afterAll(() => target.dispose())

    it('keeps a tree: moves under another parent, refuses a cycle with DEPARTMENT_CONFLICT naming the chain', async () => {
      const store = await target.open()
      const departments = createDepartmentStore(store.db)
      await departments.create({ key: 'company', name: 'Company' })
      await departments.create({ key: 'sales', name: 'Sales', parent: 'company' })
      await departments.create({ key: 'east', name: 'East', parent: 'sales' })
      await departments.update('east', { name: 'Sales East' })
      const cycle = await departments.update('company', { parent: 'east' }).catch((e) => e)
      expect(codeOf(cycle)).toBe('DEPARTMENT_CONFLICT')
      expect(cycle.details).toMatchObject({ reason: 'cycle', chain: ['east', 'sales', 'company'] })
      expect(codeOf(await departments.update('sales', { parent: 'sales' }).catch((e) => e))).toBe(
        'DEPARTMENT_CONFLICT',
      )
      const moved = await departments.update('east', { parent: 'company' })
      expect(moved).toMatchObject({ key: 'east', name: 'Sales East', parent: 'company' })
      expect((await departments.update('east', { parent: null })).parent).toBeNull()
      const unknown = await departments.update('east', { parent: 'nowhere' }).catch((e) => e)
      expect(codeOf(unknown)).toBe('INVALID')
      expect(unknown.details.problems[0]).toMatchObject({ path: '/parent', code: 'unknownDepartment' })
      expect(codeOf(await departments.create({ key: 'sales', name: 'Again' }).catch((e) => e))).toBe(
        'UNIQUE_VIOLATION',
      )
    })

    it('deletes only an empty department; members and heads are users that exist', async () => {
      const store = await target.open()
      const departments = createDepartmentStore(store.db)
      const ids = createIdentityStore(store.db)
      const ann = await ids.createUser({ email: 'ann@example.com', name: 'Ann' })
      await departments.create({ key: 'ops', name: 'Operations', head: ann.id })
      await departments.create({ key: 'ops_a', name: 'Team A', parent: 'ops' })
      const notEmpty = await departments.remove('ops').catch((e) => e)
      expect(codeOf(notEmpty)).toBe('DEPARTMENT_CONFLICT')
      expect(notEmpty.details).toMatchObject({ reason: 'notEmpty', children: ['ops_a'], members: 0 })
      await departments.addMember('ops_a', ann.id)
      await departments.addMember('ops_a', ann.id) // idempotent
      expect((await departments.get('ops_a'))?.members).toEqual([ann.id])
      expect(codeOf(await departments.remove('ops_a').catch((e) => e))).toBe('DEPARTMENT_CONFLICT')
      expect(await departments.removeMember('ops_a', ann.id)).toBe(true)
      await departments.remove('ops_a')
      await departments.remove('ops')
      expect((await departments.chart()).departments.map((d) => d.key)).not.toContain('ops')
      expect(codeOf(await departments.addMember('ops', ann.id).catch((e) => e))).toBe('NOT_FOUND')
      const noHead = await departments
        .create({ key: 'x', name: 'X', head: '00000000-0000-4000-8000-000000000000' })
        .catch((e) => e)
      expect(noHead.details.problems[0]).toMatchObject({ path: '/head', code: 'unknownUser' })
    })

    it('lets only one of two opposite concurrent moves through (no cycle under concurrency)', async () => {
      const store = await target.open({ poolSize: 4 })
      const departments = createDepartmentStore(store.db)
      for (let i = 0; i < 5; i++) {
        const a = `a${i}`
        const b = `b${i}`
        await departments.create({ key: a, name: a })
        await departments.create({ key: b, name: b })
        const results = await Promise.allSettled([
          departments.update(a, { parent: b }),
          departments.update(b, { parent: a }),
        ])
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
        const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
        expect(codeOf(failed.reason)).toBe('DEPARTMENT_CONFLICT')
      }
    })
  })
}
