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
      // handing the record on tells no more: not its version, nor whom it waits for
      const manager = await identity.createUser({ email: 'manager@unseen.test', name: 'Manager' })
      await identity.setMembership('crm', manager.id, {
        roles: ['sales_manager'],
        attributes: { region: 'East' },
      })
      await identity.setMembership('crm', user.id, {
        roles: ['sales'],
        attributes: { region: 'East', manager: manager.id },
      })
      const boss = { userId: manager.id, isAdmin: false, via: 'api' as const }
      for (const version of [lead.version, lead.version + 7, undefined])
        expect(await codeOf(crm.engine.reassign!(lead.id, user.id, user.id, boss, version))).toBe('NOT_FOUND')
      // a record they may read but whose `from` they do not manage: refused before version or state
      const own = await crm.engine.submit('crm', 'lead', { name: 'Rep lead', email: 'r@lead.test' }, rep)
      for (const version of [own.version, own.version + 7])
        expect(await codeOf(crm.engine.reassign!(own.id, crm.admin.userId!, user.id, boss, version))).toBe(
          'FORBIDDEN',
        )
      // whom they do manage: the specific answers again
      expect(await codeOf(crm.engine.reassign!(own.id, user.id, manager.id, boss, own.version + 7))).toBe(
        'VERSION_CONFLICT',
      )
      expect(await codeOf(crm.engine.reassign!(own.id, user.id, manager.id, boss, own.version))).toBe(
        'ALREADY_DONE',
      )
      // nothing changed
      expect((await crm.engine.get(lead.id, crm.admin)).version).toBe(lead.version)
      // the record's own readers still get the specific answers
      expect(await codeOf(crm.engine.transition(lead.id, 'convert', {}, crm.admin, lead.version + 7))).toBe(
        'VERSION_CONFLICT',
      )
    })
  })
}
