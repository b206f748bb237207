import { Readable } from 'node:stream'
import { runImport, ANALYZE_AFTER_ROWS } from '@tessera/server'
import { crmTemplate } from '@tessera/templates'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../support/db.js'
import { freshStore, openCrm } from './crm-harness.js'

for (const db of testDatabases()) {
  describe(`a large import leaves the records table analyzed (${db.kind})`, () => {
    afterAll(() => db.dispose())

    it(`after more than ${ANALYZE_AFTER_ROWS} rows the planner has statistics for record and workflow_instance`, async () => {
      const crm = await openCrm(await freshStore(db))
      const n = ANALYZE_AFTER_ROWS + 1
      const lines = Array.from({ length: n }, (_, i) => `lead${i}@example.com,Company ${i}`)
      const summary = await runImport({
        engine: crm.engine,
        store: crm.store,
        app: crmTemplate,
        form: 'lead',
        source: {
          stream: Readable.from([Buffer.from(`Email,Company\n${lines.join('\n')}\n`)]),
          name: 'l.csv',
        },
        actor: crm.admin,
      })
      expect(summary).toMatchObject({ read: n, imported: n, failed: 0 })
      // reltuples is -1 until VACUUM or ANALYZE counts the table
      const counted = await sql<{ relname: string; reltuples: number }>`
        select relname, reltuples::int as reltuples from pg_class
        where relname in ('record', 'workflow_instance') and relkind = 'r' order by relname`.execute(
        crm.store.db,
      )
      expect(counted.rows).toEqual([
        { relname: 'record', reltuples: n },
        { relname: 'workflow_instance', reltuples: n },
      ])
      await crm.store.close()
    })
  })
}
