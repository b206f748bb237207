/**
 * Where an import's time goes: the 9,240 real leads through `runImport` on PGlite (in memory, or in a
 * data dir with PROFILE_DATA_DIR=<dir>), with the statements run per row counted by their shape.
 * Run under `node --cpu-prof --import tsx tests/bench/profile-import.ts` to get a CPU profile.
 * PROFILE_ROWS=<n> limits the rows (a copy of the file's first n rows). PROFILE_OUT=<file.cpuprofile>
 * profiles only the import (the inspector's profiler), without module loading and publishing; read it
 * with profile-summary.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { Session } from 'node:inspector/promises'
import { join, resolve } from 'node:path'
import { createEngine, createIdentityStore, openDatabase } from '@tessera/runtime'
import { runImport } from '@tessera/server'
import { crmImportProfiles, crmTemplate } from '@tessera/templates'

const data = resolve(process.env.TESSERA_SHARED_DATA ?? resolve(import.meta.dirname, '../../../shared/data'))
let file = resolve(data, 'leads-education.csv')
const limit = Number(process.env.PROFILE_ROWS ?? 0)
const scratch = mkdtempSync(join(tmpdir(), 'tessera-profile-'))
if (limit > 0) {
  const lines = readFileSync(file, 'utf8').split('\n')
  file = join(scratch, 'leads-education.csv')
  writeFileSync(file, lines.slice(0, limit + 1).join('\n'))
}

const shapes = new Map<string, { n: number; ms: number }>()
let counting = false
const store = await openDatabase({
  ...(process.env.PROFILE_DATA_DIR ? { dataDir: process.env.PROFILE_DATA_DIR } : { memory: true }),
  onQuery: (text: string, ms: number) => {
    if (!counting) return
    // a statement's shape: its first words and table, without values
    const shape = text.replace(/\$\d+/g, '?').replace(/\s+/g, ' ').slice(0, 90)
    const s = shapes.get(shape) ?? { n: 0, ms: 0 }
    s.n++
    s.ms += ms
    shapes.set(shape, s)
  },
})
try {
  const engine = createEngine({ store })
  const user = await createIdentityStore(store.db).createUser({
    email: 'profile@tessera.local',
    name: 'Profile',
    isAdmin: true,
  })
  const actor = { userId: user.id, isAdmin: true, via: 'import' }
  await engine.publish('crm', crmTemplate, actor)
  const session = new Session()
  if (process.env.PROFILE_OUT) {
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.start')
  }
  counting = true
  const t = performance.now()
  const summary = await runImport({
    engine,
    store,
    app: crmTemplate,
    form: 'lead',
    source: { path: file },
    profile: crmImportProfiles['leads-education'],
    actor,
  })
  const seconds = (performance.now() - t) / 1000
  counting = false
  if (process.env.PROFILE_OUT) {
    const { profile } = await session.post('Profiler.stop')
    writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile))
    session.disconnect()
  }
  const total = [...shapes.values()].reduce((a, s) => a + s.n, 0)
  console.log(
    JSON.stringify({
      read: summary.read,
      imported: summary.imported,
      failed: summary.failed,
      seconds,
      rowsPerSecond: summary.read / seconds,
      queriesPerRow: total / summary.read,
    }),
  )
  for (const [shape, s] of [...shapes].sort((a, b) => b[1].n - a[1].n).slice(0, 25))
    console.log(
      `${(s.n / summary.read).toFixed(2).padStart(6)}/row ${s.ms.toFixed(0).padStart(6)}ms  ${shape}`,
    )
} finally {
  await store.close()
  rmSync(scratch, { recursive: true, force: true })
}
