import { createIdentityStore, isTesseraError } from '@tessera/runtime'
import { afterAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../support/db.js'
import { freshStore, openCrm } from './crm-harness.js'

/** The error code a write answers with, or 'ok'. */
const codeOf = async (write: Promise<unknown>) =>
  write.then(
    () => 'ok',
    (e: unknown) => (isTesseraError(e) ? e.code : `unexpected ${String(e)}`),
  )

for (const db of testDatabases()) {
  describe(`a write on a record the person may not read answers NOT_FOUND, as a read does (${db.kind})`, () => {
    afterAll(() => db.dispose())

    it('transition, edit, delete and decision: never 403 or 409, which would tell the record exists', async () => {
      const crm = await openCrm(await freshStore(db))
      const identity = createIdentityStore(crm.store.db)
      const user = await identity.createUser({ email: 'rep@unseen.test', name: 'Rep' })
      await identity.setMembership('crm', user.id, { roles: ['sales'], attributes: { region: 'East' } })
      const rep = { userId: user.id, isAdmin: false, via: 'api' as const }
      // an operations lead, not the rep's: sales read only their own leads
      const lead = await crm.engine.submit(
        'crm',
        'lead',
        { name: 'Not yours', email: 'x@lead.test' },
        crm.admin,
      )

      await expect(crm.engine.get(lead.id, rep)).rejects.toMatchObject({ code: 'NOT_FOUND' })
      for (const version of [lead.version, lead.version + 7]) {
        expect(await codeOf(crm.engine.transition(lead.id, 'convert', {}, rep, version))).toBe('NOT_FOUND')
        expect(await codeOf(crm.engine.transition(lead.id, 'no_such_move', {}, rep, version))).toBe(
          'NOT_FOUND',
        )
        expect(await codeOf(crm.engine.update(lead.id, { name: 'Mine now' }, rep, version))).toBe('NOT_FOUND')
        expect(await codeOf(crm.engine.remove!(lead.id, rep, version))).toBe('NOT_FOUND')
        expect(await codeOf(crm.engine.decide(lead.id, 'approve', undefined, rep, version))).toBe('NOT_FOUND')
      }
      // nothing changed
      expect((await crm.engine.get(lead.id, crm.admin)).version).toBe(lead.version)
      // the record's own readers still get the specific answers
      expect(await codeOf(crm.engine.transition(lead.id, 'convert', {}, crm.admin, lead.version + 7))).toBe(
        'VERSION_CONFLICT',
      )
    })
  })
}
