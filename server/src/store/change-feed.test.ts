import { testDatabases } from '@tessera/runtime'
import { describe, expect, it } from 'vitest'
import type { ChangeNotice } from '../server-store.js'
import { createServerStore } from './create-server-store.js'

for (const target of testDatabases()) {
  describe(`change feed on ${target.kind}`, () => {
    it('carries a notice from one server store to another on the same database', async () => {
      const a = await target.open()
      // PGlite is one process: both "servers" share it; PostgreSQL gets a second pool, as a second process would.
      const b = target.kind === 'pg' ? await target.open() : a
      const first = await createServerStore(a, target.url ? { databaseUrl: target.url } : {})
      const second = target.kind === 'pg' ? await createServerStore(b, { databaseUrl: target.url! }) : first
      try {
        const heard: ChangeNotice[] = []
        const off = second.changes.subscribe((n) => heard.push(n))
        const notice: ChangeNotice = {
          kind: 'record',
          app: 'desk',
          form: 'ticket',
          recordId: 'r1',
          version: 2,
        }
        // LISTEN takes a moment to be in place on a fresh connection; publish until it is heard.
        for (let i = 0; i < 50 && heard.length === 0; i++) {
          await first.changes.publish(notice)
          await new Promise((r) => setTimeout(r, 100))
        }
        off()
        expect(heard[0]).toEqual(notice)
      } finally {
        await first.close()
        if (second !== first) await second.close()
        await target.dispose()
      }
    })
  })
}
