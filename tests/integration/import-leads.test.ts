import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runImport } from '@tessera/server'
import { crmImportProfiles, crmTemplate } from '@tessera/templates'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../support/db.js'
import { type Crm, csvRows, freshStore, hasSharedData, openCrm, sharedData } from './crm-harness.js'

const profile = crmImportProfiles['leads-education']
const leadsCsv = join(sharedData, 'leads-education.csv')
// 9,240 rows, each one engine transaction, twice
const REAL_FILE_TIMEOUT = 30 * 60_000

const importLeads = (crm: Crm, path: string) =>
  runImport({
    engine: crm.engine,
    store: crm.store,
    app: crmTemplate,
    form: 'lead',
    source: { path },
    profile,
    actor: crm.admin,
  })

const leadsOf = async (crm: Crm) => {
  const all = []
  let cursor: string | undefined
  do {
    const page = await crm.engine.list(
      'crm',
      'lead',
      { limit: 500, sort: 'created_at', ...(cursor ? { cursor } : {}) },
      crm.admin,
    )
    all.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return all
}

for (const db of testDatabases()) {
  describe.runIf(hasSharedData)(`leads-education import on ${db.kind}`, () => {
    afterAll(() => db.dispose())

    it(
      'imports all 9,240 leads, 3,561 as already converted, and a second run changes nothing',
      async () => {
        const crm = await openCrm(await freshStore(db))
        const first = await importLeads(crm, leadsCsv)
        expect(first.errors.filter((e) => e.severity === 'error')).toEqual([])
        expect(first).toMatchObject({ read: 9240, imported: 9240, updated: 0, failed: 0 })

        const rows = await csvRows(leadsCsv)
        const leads = await leadsOf(crm)
        expect(leads).toHaveLength(9240)
        // counts by source match the file once spellings are folded onto the canonical option
        const expected: Record<string, number> = {}
        const canonical = new Map(
          crmTemplate.forms[0]?.fields
            .find((f) => f.key === 'source')
            ?.options?.map((o) => [o.value.toLowerCase(), o.value]),
        )
        for (const r of rows) {
          const s = r['Lead Source']
            ? (canonical.get(r['Lead Source'].toLowerCase()) ?? r['Lead Source'])
            : '(none)'
          expected[s] = (expected[s] ?? 0) + 1
        }
        const actual: Record<string, number> = {}
        for (const l of leads) {
          const s = typeof l.data.source === 'string' ? l.data.source : '(none)'
          actual[s] = (actual[s] ?? 0) + 1
        }
        expect(actual).toEqual(expected)
        expect(actual.Google).toBe(2873)
        expect(leads.filter((l) => l.state === 'converted')).toHaveLength(3561)
        expect(leads.filter((l) => l.state === 'new')).toHaveLength(5679)

        // `Select` and blanks are no value; blank numbers are absent, not 0
        const byNumber = new Map(leads.map((l) => [l.data.lead_number, l]))
        const first1 = byNumber.get('660737')
        expect(first1?.data).toMatchObject({
          origin: 'API',
          source: 'Olark Chat',
          do_not_email: false,
          visits: 0,
          occupation: 'Unemployed',
        })
        expect(first1?.data.city).toBeUndefined()
        expect(first1?.data.interest).toBeUndefined()
        const blankVisits = rows.find((r) => r.TotalVisits === '')
        expect(byNumber.get(blankVisits?.['Lead Number'])?.data.visits).toBeUndefined()
        // score and grade are computed by the engine from the imported engagement
        expect(typeof first1?.data.score).toBe('string')
        expect(['A', 'B', 'C', 'D']).toContain(first1?.data.grade)

        const converted = leads.find((l) => l.state === 'converted') as (typeof leads)[number]
        const events = await crm.engine.events(converted.id, crm.admin)
        expect(events.map((e) => e.type)).toEqual(['imported'])

        const again = await importLeads(crm, leadsCsv)
        expect(again).toMatchObject({ read: 9240, imported: 0, updated: 0, unchanged: 9240, failed: 0 })
        expect((await crm.engine.list('crm', 'lead', { limit: 1 }, crm.admin)).total).toBe(9240)
        await crm.store.close()
      },
      REAL_FILE_TIMEOUT,
    )

    it('updates only the rows that changed, imports the rest past a broken row, and reports it', async () => {
      const crm = await openCrm(await freshStore(db))
      const dir = mkdtempSync(join(tmpdir(), 'tessera-leads-'))
      const lines = readFileSync(leadsCsv, 'utf8').split(/\r?\n/).slice(0, 201)
      const original = join(dir, 'leads.csv')
      writeFileSync(original, `${lines.join('\r\n')}\r\n`)
      expect((await importLeads(crm, original)).imported).toBe(200)

      const changed = [...lines]
      const cells = (changed[5] as string).split(',')
      cells[7] = '42' // TotalVisits of data row 5 (file row 6)
      changed[5] = cells.join(',')
      const broken = (changed[9] as string).split(',')
      broken[7] = 'many' // not a number
      changed[9] = broken.join(',')
      const edited = join(dir, 'edited.csv')
      writeFileSync(edited, `${changed.join('\r\n')}\r\n`)
      const dry = await runImport({
        engine: crm.engine,
        store: crm.store,
        app: crmTemplate,
        form: 'lead',
        source: { path: edited },
        profile,
        actor: crm.admin,
        dryRun: true,
      })
      expect(dry).toMatchObject({ read: 200, failed: 1, unchanged: 198, dryRun: true })
      const untouched = await crm.engine.list(
        'crm',
        'lead',
        { filter: { visits: { eq: 42 } }, limit: 1 },
        crm.admin,
      )
      expect(untouched.total).toBe(0)
      const summary = await importLeads(crm, edited)
      expect(summary).toMatchObject({ read: 200, imported: 0, updated: 1, unchanged: 198, failed: 1 })
      expect(summary.errors).toEqual([
        expect.objectContaining({
          row: 10,
          column: 'TotalVisits',
          value: 'many',
          code: 'integer',
          severity: 'error',
        }),
      ])
      await crm.store.close()
    })

    it('imports GBK-encoded and BOM-prefixed copies exactly as the UTF-8 file', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tessera-enc-'))
      const lines = readFileSync(leadsCsv, 'utf8').split(/\r?\n/).slice(0, 151)
      // give a few rows Chinese tags so the encodings really differ
      const text = `${lines.map((l, i) => (i > 0 && i % 10 === 0 ? l.replace(',Ringing,', ',已回电 需跟进,') : l)).join('\r\n')}\r\n`
      const utf8 = join(dir, 'utf8.csv')
      const bom = join(dir, 'bom.csv')
      const gbk = join(dir, 'gbk.csv')
      writeFileSync(utf8, text)
      writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))
      writeFileSync(gbk, iconv.encode(text, 'gbk'))
      const results = []
      for (const path of [utf8, bom, gbk]) {
        const crm = await openCrm(await freshStore(db))
        const summary = await importLeads(crm, path)
        const leads = await leadsOf(crm)
        results.push({
          summary: { read: summary.read, imported: summary.imported, failed: summary.failed },
          data: leads
            .map((l) => [l.state, l.data])
            .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
        })
        await crm.store.close()
      }
      expect(results[0]?.summary).toEqual({ read: 150, imported: 150, failed: 0 })
      expect(JSON.stringify(results[0]?.data)).toContain('已回电')
      expect(results[1]).toEqual(results[0])
      expect(results[2]).toEqual(results[0])
    })
  })
}
