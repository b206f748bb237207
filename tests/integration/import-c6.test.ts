import { Readable } from 'node:stream'
import { runImport } from '@tessera/server'
import { crmTemplate } from '@tessera/templates'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../support/db.js'
import { type Crm, freshStore, openCrm } from './crm-harness.js'

const rows = 'ana@example.com,Ana,Acme\r\nbo@example.com,Bo,Müller GmbH\r\ncy@example.com,Cy,Gamma\r\n'
const importBytes = (crm: Crm, bytes: Buffer, encoding?: string) =>
  runImport({
    engine: crm.engine,
    store: crm.store,
    app: crmTemplate,
    form: 'lead',
    source: { stream: Readable.from([bytes]), name: 'leads.csv', ...(encoding ? { encoding } : {}) },
    actor: crm.admin,
  })
const stored = async (crm: Crm) =>
  (await crm.engine.list('crm', 'lead', { limit: 50 }, crm.admin)).items
    .map((r) => ({ email: r.data.email, company: r.data.company }))
    .sort((a, b) => String(a.email).localeCompare(String(b.email)))

for (const db of testDatabases()) {
  describe(`C6 — UTF-8 BOM glued to the first CSV header (${db.kind})`, () => {
    afterAll(() => db.dispose())

    it('C6: maps the BOM-prefixed Email header to email and imports all 3 emails; without a BOM the same', async () => {
      const header = 'Email,First Name,Company\r\n'
      const withBom = await openCrm(await freshStore(db))
      const a = await importBytes(
        withBom,
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(header + rows)]),
      )
      expect(a).toMatchObject({ read: 3, imported: 3, failed: 0, unmappedColumns: ['First Name'] })
      const plain = await openCrm(await freshStore(db))
      const b = await importBytes(plain, Buffer.from(header + rows))
      expect(b).toMatchObject({ read: 3, imported: 3, failed: 0 })
      expect(await stored(withBom)).toEqual(await stored(plain))
      expect((await stored(withBom)).map((r) => r.email)).toEqual([
        'ana@example.com',
        'bo@example.com',
        'cy@example.com',
      ])
      await withBom.store.close()
      await plain.store.close()
    })

    it('C6: maps a " email " header (spaces, lower case) to email', async () => {
      const crm = await openCrm(await freshStore(db))
      const s = await importBytes(crm, Buffer.from(` email ,First Name, company \r\n${rows}`))
      expect(s).toMatchObject({ imported: 3, failed: 0 })
      expect((await stored(crm)).map((r) => r.email)).toEqual([
        'ana@example.com',
        'bo@example.com',
        'cy@example.com',
      ])
      await crm.store.close()
    })

    it('C6: a Windows-1252 file with Müller is decoded as declared or refused, never stored as mojibake', async () => {
      const bytes = iconv.encode(`Email,First Name,Company\r\n${rows}`, 'win1252')
      const declared = await openCrm(await freshStore(db))
      expect(await importBytes(declared, bytes, 'windows-1252')).toMatchObject({
        imported: 3,
        encoding: 'windows-1252',
      })
      expect((await stored(declared))[1]?.company).toBe('Müller GmbH')
      await declared.store.close()

      const guessed = await openCrm(await freshStore(db))
      const outcome = await importBytes(guessed, bytes).catch((e: Error) => e)
      const companies = (await stored(guessed)).map((r) => r.company)
      if (outcome instanceof Error) {
        expect(outcome.message).toMatch(/encoding/i)
        expect(companies).toEqual([])
      } else expect(companies).toContain('Müller GmbH')
      for (const c of companies) expect(String(c)).not.toMatch(/\uFFFD|Ã¼/)
      // declared UTF-8 but really Windows-1252: stops with an encoding error, stores nothing
      const wrong = await openCrm(await freshStore(db))
      await expect(importBytes(wrong, bytes, 'utf-8')).rejects.toThrow(/not valid UTF-8/)
      expect(await stored(wrong)).toEqual([])
      await guessed.store.close()
      await wrong.store.close()
    })
  })
}
