import { PassThrough } from 'node:stream'
import { type Actor, addMembers } from '@tessera/runtime'
import type { AppDefinition } from '@tessera/schemas'
import { writeExport } from '@tessera/server'
import { crmTemplate } from '@tessera/templates'
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { afterAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../support/db.js'
import { type Crm, freshStore, openCrm } from './crm-harness.js'

const collect = async (run: (out: PassThrough) => Promise<number>) => {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const n = await run(out)
  return { n, bytes: Buffer.concat(chunks) }
}

for (const db of testDatabases()) {
  describe(`export (${db.kind})`, () => {
    afterAll(() => db.dispose())

    it('streams every page with the filters, neutralises formula cells in CSV and XLSX', async () => {
      const crm: Crm = await openCrm(await freshStore(db))
      for (let i = 0; i < 1203; i++)
        await crm.engine.submit(
          'crm',
          'lead',
          { lead_number: String(100000 + i), source: i % 2 ? 'Google' : 'Reference' },
          crm.admin,
        )
      await crm.engine.submit(
        'crm',
        'lead',
        {
          lead_number: '999',
          source: 'Google',
          company: '=HYPERLINK("http://evil.example","x")',
          note: '-2+3',
          tags: '@SUM(A1)',
        },
        crm.admin,
      )
      const query = { filter: { source: { eq: 'Google' } } }
      const csv = await collect((out) =>
        writeExport({
          engine: crm.engine,
          store: crm.store,
          app: crmTemplate,
          form: 'lead',
          query,
          actor: crm.admin,
          format: 'csv',
          out,
        }),
      )
      expect(csv.n).toBe(602)
      const records = parse(csv.bytes, { columns: true, bom: true }) as Record<string, string>[]
      expect(records).toHaveLength(602)
      expect(new Set(records.map((r) => r.Source))).toEqual(new Set(['Google']))
      const evil = records.find((r) => r['Lead number'] === '999')
      expect(evil).toMatchObject({
        Company: `'=HYPERLINK("http://evil.example","x")`,
        Note: "'-2+3",
        Tags: "'@SUM(A1)",
      })

      const xlsx = await collect((out) =>
        writeExport({
          engine: crm.engine,
          store: crm.store,
          app: crmTemplate,
          form: 'lead',
          query,
          actor: crm.admin,
          format: 'xlsx',
          out,
        }),
      )
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer)
      const sheet = wb.worksheets[0] as ExcelJS.Worksheet
      expect(sheet.rowCount).toBe(603)
      const header = (sheet.getRow(1).values as unknown[]).map(String)
      const companyCol = header.indexOf('Company')
      const evilRow = sheet
        .getRows(2, 602)
        ?.find((r) => String(r.getCell(header.indexOf('Lead number')).value) === '999')
      const cell = evilRow?.getCell(companyCol)
      // a string cell, never a formula: the text is kept as it was, with no apostrophe to strip
      expect(cell?.type).toBe(ExcelJS.ValueType.String)
      expect(cell?.formula).toBeUndefined()
      expect(cell?.value).toBe('=HYPERLINK("http://evil.example","x")')
      await crm.store.close()
    })

    it('never exports a value the actor may not see', async () => {
      const app = structuredClone(crmTemplate) as AppDefinition
      const flow = app.workflows?.find((w) => w.key === 'lead_flow')
      const initial = flow?.states.find((s) => s.key === 'new')
      if (initial?.fields) initial.fields.note = { operations: 'edit', admin: 'edit', '*': 'hidden' }
      const crm = await openCrm(await freshStore(db))
      await crm.engine.publish('crm', app, crm.admin)
      const people = await addMembers(crm.store, 'crm', [
        { name: 'Ops', roles: ['operations'] },
        { name: 'Rep', roles: ['sales'], attributes: { region: 'East' } },
      ])
      const ops = people.Ops as Actor
      const rep = people.Rep as Actor
      await crm.engine.submit('crm', 'lead', { lead_number: '1', note: 'secret-ops-note' }, ops)
      // the rep's own lead, which operations annotate: in the rep's export, with the note withheld
      const own = await crm.engine.submit('crm', 'lead', { lead_number: '2' }, rep)
      await crm.engine.update(own.id, { note: 'another-secret' }, ops, own.version)
      const asOps = await collect((out) =>
        writeExport({
          engine: crm.engine,
          store: crm.store,
          app,
          form: 'lead',
          query: {},
          actor: ops,
          format: 'csv',
          out,
        }),
      )
      expect(asOps.bytes.toString()).toContain('secret-ops-note')
      const asRep = await collect((out) =>
        writeExport({
          engine: crm.engine,
          store: crm.store,
          app,
          form: 'lead',
          query: {},
          actor: rep,
          format: 'csv',
          out,
        }),
      )
      const repRows = parse(asRep.bytes, { columns: true, bom: true }) as Record<string, string>[]
      expect(repRows.map((r) => r['Lead number'])).toEqual(['2'])
      expect(asRep.bytes.toString()).not.toContain('secret')
      await crm.store.close()
    })
  })
}
