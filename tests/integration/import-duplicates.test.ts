import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runImport } from '@tessera/server'
import { crmTemplate } from '@tessera/templates'
import { afterAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../support/db.js'
import { type Crm, freshStore, openCrm } from './crm-harness.js'

// no external key column: only the CRM's duplicate rule (the e-mail) tells a row is already in
const csv = 'Name,Email\r\nBo Person,bo@dup.test\r\nCy Person,CY@Dup.Test \r\nDi New,di@dup.test\r\n'
const file = join(mkdtempSync(join(tmpdir(), 'tessera-dup-')), 'leads.csv')
writeFileSync(file, csv)

const importLeads = (crm: Crm, extra: { dryRun?: boolean; skipDuplicates?: boolean } = {}) =>
  runImport({
    engine: crm.engine,
    store: crm.store,
    app: crmTemplate,
    form: 'lead',
    source: { path: file },
    mapping: { Name: 'name', Email: 'email' },
    actor: crm.admin,
    ...extra,
  })

for (const db of testDatabases()) {
  describe(`importing rows the duplicate rule matches to stored records (${db.kind})`, () => {
    afterAll(() => db.dispose())

    it('a dry run says which rows would be flagged and names the records; skipDuplicates leaves them out', async () => {
      const crm = await openCrm(await freshStore(db))
      await crm.engine.submit('crm', 'lead', { name: 'Bo Original', email: 'bo@dup.test' }, crm.admin)
      await crm.engine.submit('crm', 'lead', { name: 'Cy Original', email: 'cy@dup.test' }, crm.admin)

      const dry = await importLeads(crm, { dryRun: true })
      expect(dry.imported).toBe(3)
      expect(dry.errors.map((e) => [e.row, e.code, e.severity, e.value])).toEqual([
        [2, 'duplicate', 'warning', 'bo@dup.test'],
        [3, 'duplicate', 'warning', 'CY@Dup.Test'],
      ])
      expect(dry.errors[0]?.message.en).toBe(
        'would be created and flagged as a duplicate of the existing record "Bo Original"',
      )
      expect(dry.errors[1]?.message['zh-CN']).toContain('Cy Original')

      const skipped = await importLeads(crm, { skipDuplicates: true })
      expect([skipped.imported, skipped.skipped, skipped.failed]).toEqual([1, 2, 0])
      expect(skipped.errors[0]?.message.en).toBe('skipped: the existing record "Bo Original" has this value')
      // run again: the new lead is now stored too, so nothing changes
      const again = await importLeads(crm, { skipDuplicates: true })
      expect([again.imported, again.skipped]).toEqual([0, 3])
      const page = await crm.engine.list('crm', 'lead', {}, crm.admin)
      expect(page.total).toBe(3)
    })

    it('without skipDuplicates the rows are created, flagged, and the warning names the record, not its id', async () => {
      const crm = await openCrm(await freshStore(db))
      const original = await crm.engine.submit(
        'crm',
        'lead',
        { name: 'Bo Original', email: 'bo@dup.test' },
        crm.admin,
      )
      const flagged = await importLeads(crm)
      expect(flagged.imported).toBe(3)
      const warning = flagged.errors.find((e) => e.code === 'duplicate')
      expect(warning?.message.en).toBe(
        'created and flagged as a duplicate of the existing record "Bo Original"',
      )
      expect(warning?.message.en).not.toContain(original.id)
      expect(warning?.value).toBe('bo@dup.test')
    })
  })
}
