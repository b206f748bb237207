import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { runImport, writeExport } from '@tessera/server'
import { crmTemplate } from '@tessera/templates'
import { afterAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../support/db.js'
import { type Crm, freshStore, openCrm } from './crm-harness.js'

const exportLeads = async (crm: Crm, format: 'csv' | 'xlsx') => {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  await writeExport({
    engine: crm.engine,
    store: crm.store,
    app: crmTemplate,
    form: 'lead',
    query: {},
    actor: crm.admin,
    format,
    out,
  })
  return Buffer.concat(chunks)
}

// values the export protects with a leading apostrophe: each must come back as it was
const protectedLead = {
  lead_number: '4711',
  phone: '+86 138 0013 8000',
  company: '=HYPERLINK("http://evil.example","x")',
  note: '-2+3',
  tags: '@SUM(A1)',
  expected_amount: '+1200',
}

for (const db of testDatabases()) {
  describe(`export -> import round trip (${db.kind})`, () => {
    afterAll(() => db.dispose())

    for (const format of ['csv', 'xlsx'] as const)
      it(`${format}: a formula-protected cell ('+86…, '=…, '-…, '@…) imports as the value it was`, async () => {
        const from = await openCrm(await freshStore(db))
        await from.engine.submit('crm', 'lead', protectedLead, from.admin)
        const file = join(mkdtempSync(join(tmpdir(), 'tessera-roundtrip-')), `leads.${format}`)
        const bytes = await exportLeads(from, format)
        expect(bytes.includes(Buffer.from("'+86 138 0013 8000"))).toBe(format === 'csv')
        writeFileSync(file, bytes)

        const to = await openCrm(await freshStore(db))
        const summary = await runImport({
          engine: to.engine,
          store: to.store,
          app: crmTemplate,
          form: 'lead',
          source: { path: file },
          actor: to.admin,
        })
        expect(summary.errors).toEqual([])
        expect(summary.imported).toBe(1)
        const [lead] = (await to.engine.list('crm', 'lead', { limit: 5 }, to.admin)).items
        expect(lead?.data).toMatchObject({ ...protectedLead, expected_amount: '1200.00' })
      })
  })
}
