import { Readable } from 'node:stream'
import { type Actor, addMembers, createIdentityStore, isTesseraError } from '@tessera/runtime'
import type { ImportStep } from '@tessera/schemas'
import { runImport } from '@tessera/server'
import { crmTemplate } from '@tessera/templates'
import { afterAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../support/db.js'
import { type Crm, freshStore, openCrm } from './crm-harness.js'

/** Leads arriving already handed off (an import placing them in a state runs its assignee rule). */
const handedOff: ImportStep = {
  key: 'handed-off',
  file: 'leads.csv',
  form: 'lead',
  columns: [
    { column: 'email', field: 'email' },
    { column: 'region', field: 'region' },
  ],
  state: { column: 'stage', map: { 'handed off': 'handed_off' } },
}
const csv = (emails: string[], region = 'East') =>
  Buffer.from(`email,region,stage\r\n${emails.map((e) => `${e},${region},handed off`).join('\r\n')}\r\n`)
const importCsv = (crm: Crm, bytes: Buffer, profile?: ImportStep) =>
  runImport({
    engine: crm.engine,
    store: crm.store,
    app: crmTemplate,
    form: 'lead',
    source: { stream: Readable.from([bytes]), name: 'leads.csv' },
    ...(profile ? { profile } : {}),
    actor: crm.admin,
  })

async function ops(crm: Crm) {
  return (await addMembers(crm.store, 'crm', [{ name: 'Ops', roles: ['operations'] }])).Ops as Actor
}

for (const db of testDatabases()) {
  describe(`CRM field cases on ${db.kind}`, () => {
    afterAll(() => db.dispose())

    it('C9: a second lead with the same email in any case or spacing is flagged as a duplicate of the first', async () => {
      const crm = await openCrm(await freshStore(db))
      const operator = await ops(crm)
      const first = await crm.engine.submit(
        'crm',
        'lead',
        { email: 'Ana.Silva@Example.com', name: 'Ana Silva' },
        operator,
      )
      const second = await crm.engine.submit('crm', 'lead', { email: '  ana.silva@example.COM ' }, operator)
      expect(second.duplicateOf).toBe(first.id)
      expect(first.duplicateOf ?? null).toBeNull()
      expect((await crm.engine.get(first.id, crm.admin)).data.email).toBe('Ana.Silva@Example.com')

      // two submissions racing: exactly one lead stands, the other is flagged
      const racing = await Promise.all([
        crm.engine.submit('crm', 'lead', { email: 'race@example.com' }, operator),
        new Promise((r) => setTimeout(r, 50)).then(() =>
          crm.engine.submit('crm', 'lead', { email: 'RACE@example.com' }, operator),
        ),
      ])
      expect(racing.filter((r) => !r.duplicateOf)).toHaveLength(1)
      await crm.store.close()
    })

    it('C9: a CSV whose rows 2 and 7 share an email (different case) creates one lead and reports row 7', async () => {
      const crm = await openCrm(await freshStore(db))
      const file = Buffer.from(
        'Email,Company\r\nlee@example.com,Lee Ltd\r\nb@example.com,B\r\nc@example.com,C\r\nd@example.com,D\r\ne@example.com,E\r\n LEE@Example.com ,Lee again\r\n',
      )
      const summary = await importCsv(crm, file)
      expect(summary).toMatchObject({ read: 6, imported: 5, skipped: 1, failed: 0 })
      expect(summary.errors).toEqual([
        expect.objectContaining({ row: 7, column: 'Email', code: 'duplicate', reason: 'duplicate of row 2' }),
      ])
      expect(
        (await crm.engine.list('crm', 'lead', { filter: { company: { eq: 'Lee Ltd' } } }, crm.admin)).total,
      ).toBe(1)
      await crm.store.close()
    })

    it("C9: converting a lead with company O’Brien Logistics links the existing O'Brien Logistics account", async () => {
      const crm = await openCrm(await freshStore(db))
      const operator = await ops(crm)
      const people = await addMembers(crm.store, 'crm', [
        { name: 'Rep', roles: ['sales'], attributes: { region: 'East' } },
      ])
      const rep = people.Rep as Actor
      const account = await crm.engine.submit('crm', 'account', { name: "O'Brien Logistics" }, crm.admin)
      const lead = await crm.engine.submit(
        'crm',
        'lead',
        { email: 'pat@obrien.example', region: 'East', qualify_note: 'asked for a demo' },
        operator,
      )
      const q = await crm.engine.transition(lead.id, 'qualify', {}, operator, lead.version)
      const h = await crm.engine.transition(lead.id, 'hand_off', {}, operator, q.version)
      expect(h.assignee).toBe(rep.userId)
      const a = await crm.engine.transition(lead.id, 'accept', {}, rep, h.version)
      const converted = await crm.engine.transition(
        lead.id,
        'convert',
        { company: 'O’Brien Logistics' },
        rep,
        a.version,
      )
      expect(converted.data.converted_account).toBe(account.id)
      expect((await crm.engine.list('crm', 'account', { limit: 10 }, crm.admin)).total).toBe(1)
      await crm.store.close()
    })

    it('C10: round robin skips deactivated and absent reps, the same in a batch, one by one and in parallel imports', async () => {
      const setup = async () => {
        const crm = await openCrm(await freshStore(db))
        const p = await addMembers(crm.store, 'crm', [
          { name: 'A', roles: ['sales'], attributes: { region: 'East' } },
          { name: 'B', roles: ['sales'], attributes: { region: 'East' }, active: false },
          { name: 'C', roles: ['sales'], attributes: { region: 'East' } },
          { name: 'D', roles: ['sales'], attributes: { region: 'East' }, available: false },
        ])
        const names = new Map(Object.entries(p).map(([n, a]) => [a.userId, n]))
        // the last lead went to A
        const seed = await importCsv(crm, csv(['seed@example.com']), handedOff)
        expect(seed.imported).toBe(1)
        return { crm, people: p, names }
      }
      const owners = async (crm: Crm, names: Map<string, string>, emails: string[]) => {
        const out: string[] = []
        for (const e of emails) {
          const page = await crm.engine.list('crm', 'lead', { filter: { email: { eq: e } } }, crm.admin)
          out.push(names.get(page.items[0]?.assignee ?? '') ?? '?')
        }
        return out
      }
      const six = ['l1', 'l2', 'l3', 'l4', 'l5', 'l6'].map((l) => `${l}@example.com`)

      const batch = await setup()
      expect(await owners(batch.crm, batch.names, ['seed@example.com'])).toEqual(['A'])
      expect((await importCsv(batch.crm, csv(six), handedOff)).imported).toBe(6)
      expect(await owners(batch.crm, batch.names, six)).toEqual(['C', 'A', 'C', 'A', 'C', 'A'])

      const single = await setup()
      for (const e of six) await importCsv(single.crm, csv([e]), handedOff)
      expect(await owners(single.crm, single.names, six)).toEqual(['C', 'A', 'C', 'A', 'C', 'A'])

      const parallel = await setup()
      await Promise.all([
        importCsv(parallel.crm, csv(six.slice(0, 3)), handedOff),
        importCsv(parallel.crm, csv(six.slice(3)), handedOff),
      ])
      const split = await owners(parallel.crm, parallel.names, six)
      expect(split.filter((o) => o === 'A')).toHaveLength(3)
      expect(split.filter((o) => o === 'C')).toHaveLength(3)

      // C deactivated mid-stream: the next lead goes to A, and C's open leads stay with C
      const cOpen = six.filter((_, i) => split[i] === 'C')
      await createIdentityStore(parallel.crm.store.db).setActive(parallel.people.C?.userId as string, false)
      await importCsv(parallel.crm, csv(['after@example.com']), handedOff)
      expect(await owners(parallel.crm, parallel.names, ['after@example.com'])).toEqual(['A'])
      expect(await owners(parallel.crm, parallel.names, cOpen)).toEqual(['C', 'C', 'C'])
      for (const c of [batch, single, parallel]) await c.crm.store.close()
    })

    it('C11: converting into an existing contact fills its empty fields, keeps its phone and owner, and reports the conflict', async () => {
      const crm = await openCrm(await freshStore(db))
      const operator = await ops(crm)
      const reps = await addMembers(crm.store, 'crm', [
        { name: 'RepA', roles: ['sales'], attributes: { region: 'West' } },
        { name: 'RepB', roles: ['sales'], attributes: { region: 'North' } },
      ])
      const repA = reps.RepA as Actor
      const repB = reps.RepB as Actor
      const contact = await crm.engine.submit(
        'crm',
        'contact',
        {
          name: 'Dana Lee',
          email: 'dana@example.com',
          phone: '+44 20 7946 1111',
          contact_owner: repB.userId,
        },
        repB,
      )
      const lead = await crm.engine.submit(
        'crm',
        'lead',
        {
          name: 'Dana Lee',
          email: 'Dana@Example.com',
          phone: '+44 20 7946 0000',
          budget_range: '50-100k',
          source: 'Webinar',
          expected_amount: '75000',
          note: 'Met at the spring webinar',
          region: 'West',
          qualify_note: 'asked for a quote',
        },
        operator,
      )
      const q = await crm.engine.transition(lead.id, 'qualify', {}, operator, lead.version)
      const h = await crm.engine.transition(lead.id, 'hand_off', {}, operator, q.version)
      expect(h.assignee).toBe(repA.userId)
      const a = await crm.engine.transition(lead.id, 'accept', {}, repA, h.version)
      const converted = await crm.engine.transition(
        lead.id,
        'convert',
        { company: 'Lee Analytics' },
        repA,
        a.version,
      )

      expect(converted.state).toBe('converted')
      expect(converted.data.converted_contact).toBe(contact.id)
      expect(typeof converted.data.converted_account).toBe('string')
      expect(typeof converted.data.converted_opportunity).toBe('string')
      const after = await crm.engine.get(contact.id, crm.admin)
      expect(after.data).toMatchObject({
        budget_range: '50-100k',
        phone: '+44 20 7946 1111',
        contact_owner: repB.userId,
        account: converted.data.converted_account,
      })
      expect(after.owner).toBe(repB.userId)
      const opportunity = await crm.engine.get(converted.data.converted_opportunity as string, crm.admin)
      expect(opportunity.data).toMatchObject({
        source: 'Webinar',
        contact: contact.id,
        amount: '75000.00',
        lead: lead.id,
      })

      // the conversion's event names what it filled and the conflict it did not overwrite
      const events = await crm.engine.events(lead.id, crm.admin)
      const conversion = JSON.stringify(events.find((e) => e.transition === 'convert')?.meta)
      expect(conversion).toContain('budget_range')
      expect(conversion).toContain('+44 20 7946 0000')

      const again = await crm.engine
        .transition(lead.id, 'convert', { company: 'Lee Analytics' }, repA, converted.version)
        .catch((e: unknown) => e)
      expect(
        isTesseraError(again) &&
          ['TRANSITION_NOT_OPEN', 'ALREADY_DONE', 'VERSION_CONFLICT'].includes(again.code),
      ).toBe(true)
      expect((await crm.engine.list('crm', 'opportunity', { limit: 5 }, crm.admin)).total).toBe(1)
      await crm.store.close()
    })
  })
}
