import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { createIdentityStore } from '@tessera/runtime'
import { runImport, writeExport } from '@tessera/server'
import { crmTemplate } from '@tessera/templates'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../support/db.js'
import { type Crm, freshStore, openCrm } from './crm-harness.js'

const exportOf = async (crm: Crm, form: string, format: 'csv' | 'xlsx', locale: 'en' | 'zh-CN' = 'en') => {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  await writeExport({
    engine: crm.engine,
    store: crm.store,
    app: crmTemplate,
    form,
    query: {},
    actor: crm.admin,
    format,
    out,
    locale,
  })
  return Buffer.concat(chunks)
}

/** An account, a sales rep who is a member, and an opportunity pointing at both. */
async function seed(crm: Crm) {
  const identity = createIdentityStore(crm.store.db)
  const rep = await identity.createUser({ email: 'rita@crm.test', name: 'Rita Rep' })
  await identity.setMembership('crm', rep.id, { roles: ['sales'], attributes: { region: 'North' } })
  const account = await crm.engine.submit('crm', 'account', { name: 'Acme Corp' }, crm.admin)
  const opportunity = await crm.engine.submit(
    'crm',
    'opportunity',
    {
      name: 'Acme renewal',
      account: account.id,
      sales_rep: rep.id,
      source: 'Google',
      engage_date: '2026-02-14',
      amount: '1200.50',
    },
    crm.admin,
  )
  return { rep, account, opportunity }
}

for (const db of testDatabases()) {
  describe(`an export a person can read and import again (${db.kind})`, () => {
    afterAll(() => db.dispose())

    it('CSV: people as "Name <email>", related records by name, states by label, dates as ISO dates', async () => {
      const crm = await openCrm(await freshStore(db))
      const { account, opportunity } = await seed(crm)
      const rows: Record<string, string>[] = parse(await exportOf(crm, 'opportunity', 'csv'), {
        columns: true,
        bom: true,
      })
      expect(rows).toHaveLength(1)
      const row = rows[0] as Record<string, string>
      expect(row.id).toBe(opportunity.id)
      expect(row.state).toBe('Prospecting')
      expect(row.owner).toBe('Admin <admin@crm.test>')
      expect(row.Account).toBe('Acme Corp')
      expect(row['Sales rep']).toBe('Rita Rep <rita@crm.test>')
      expect(row['Engaged on']).toBe('2026-02-14')
      expect(row.created_at).toBe(opportunity.createdAt)
      expect(Object.values(row).join(' ')).not.toContain(account.id)

      // in Chinese the state and the options read in Chinese too
      const zh: Record<string, string>[] = parse(await exportOf(crm, 'opportunity', 'csv', 'zh-CN'), {
        columns: true,
        bom: true,
      })
      const stateZh = crmTemplate.workflows
        ?.find((w) => w.form === 'opportunity')
        ?.states.find((s) => s.key === 'prospecting')?.label as Record<string, string>
      expect(zh[0]?.state).toBe(stateZh['zh-CN'])
    })

    it('XLSX: dates are date cells with a date format, not text or bare serial numbers', async () => {
      const crm = await openCrm(await freshStore(db))
      await seed(crm)
      const book = new ExcelJS.Workbook()
      await book.xlsx.load((await exportOf(crm, 'opportunity', 'xlsx')) as unknown as ArrayBuffer)
      const sheet = book.worksheets[0] as ExcelJS.Worksheet
      const header = (sheet.getRow(1).values as unknown[]).slice(1)
      const cell = (name: string) => sheet.getRow(2).getCell(header.indexOf(name) + 1)
      expect(cell('Engaged on').value).toEqual(new Date('2026-02-14T00:00:00Z'))
      expect(cell('Engaged on').numFmt).toBe('yyyy-mm-dd')
      expect(cell('created_at').value).toBeInstanceOf(Date)
      expect(cell('created_at').numFmt).toBe('yyyy-mm-dd hh:mm:ss')
      expect(cell('Sales rep').value).toBe('Rita Rep <rita@crm.test>')
      expect(cell('Account').value).toBe('Acme Corp')
      // a money amount is a number a spreadsheet can sum
      expect(cell('Amount').value).toBe(1200.5)

      // a formula's number (the score) is a number too; a text formula (the grade) stays text
      await crm.engine.submit('crm', 'lead', { name: 'Scored', email: 's@lead.test', visits: 5 }, crm.admin)
      const leads = new ExcelJS.Workbook()
      await leads.xlsx.load((await exportOf(crm, 'lead', 'xlsx')) as unknown as ArrayBuffer)
      const leadSheet = leads.worksheets[0] as ExcelJS.Worksheet
      const leadHeader = (leadSheet.getRow(1).values as unknown[]).slice(1)
      const leadCell = (name: string) => leadSheet.getRow(2).getCell(leadHeader.indexOf(name) + 1)
      expect(typeof leadCell('Score').value).toBe('number')
      expect(typeof leadCell('Grade').value).toBe('string')
    })

    for (const format of ['csv', 'xlsx'] as const)
      it(`${format}: the exported file imports back to the same account, rep, date and amount`, async () => {
        const crm = await openCrm(await freshStore(db))
        const { rep, account, opportunity } = await seed(crm)
        const file = join(mkdtempSync(join(tmpdir(), 'tessera-export-names-')), `opportunities.${format}`)
        writeFileSync(file, await exportOf(crm, 'opportunity', format))
        const summary = await runImport({
          engine: crm.engine,
          store: crm.store,
          app: crmTemplate,
          form: 'opportunity',
          source: { path: file },
          actor: crm.admin,
        })
        expect(summary.errors).toEqual([])
        expect(summary.imported).toBe(1)
        const page = await crm.engine.list('crm', 'opportunity', { sort: '-created_at', limit: 2 }, crm.admin)
        expect(page.items).toHaveLength(2)
        const copy = page.items.find((r) => r.id !== opportunity.id)
        expect(copy?.data).toMatchObject({
          account: account.id,
          sales_rep: rep.id,
          engage_date: '2026-02-14',
          source: 'Google',
        })
        expect(Number(copy?.data.amount)).toBe(1200.5)
      })
  })
}
