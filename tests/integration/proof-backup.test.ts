import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { type FreshDatabase, freshDatabase } from '../support/proof-cluster.js'
import { digestAll, populateCrm, withStore } from '../support/proof-crm-data.js'
import { eventsMatchVersions, instancesMatchEvents } from '../support/proof-invariants.js'

/**
 * Issue 8: `tessera backup` and `tessera restore` round-trip a CRM with data on both dialects
 * (and across them): every table's rows equal, the invariants hold on the restored copy, and a
 * restore refuses a non-empty target or a truncated file without writing anything.
 */
const root = join(import.meta.dirname, '..', '..')
const baseUrl = process.env.DATABASE_URL
const work = mkdtempSync(join(tmpdir(), 'tessera-proof-backup-'))
const databases: FreshDatabase[] = []

afterAll(async () => {
  for (const d of databases) await d.drop().catch(() => {})
  rmSync(work, { recursive: true, force: true })
})

/** Runs the CLI as a user would; answers its exit code and output. */
function tessera(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', ['--import', 'tsx', join(root, 'server', 'src', 'cli.ts'), ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', INIT_CWD: work, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

const asUnknown = (db: unknown) => db as Kysely<unknown>

describe('proof: backup and restore on the embedded database', () => {
  it('round-trips a CRM with data into an empty data directory, and refuses what it must', async () => {
    const source = join(work, 'source')
    const { records } = await withStore({ dataDir: source }, (s) => populateCrm(s))
    expect(records).toBe(37)
    const file = join(work, 'crm.backup.jsonl')
    const backup = await tessera(['backup', file, '--data', source])
    expect(backup.code, backup.output).toBe(0)
    expect(backup.output).toMatch(/Backed up \d+ rows/)

    const target = join(work, 'target')
    const restore = await tessera(['restore', file, '--data', target])
    expect(restore.code, restore.output).toBe(0)

    const before = await withStore({ dataDir: source }, (s) => digestAll(asUnknown(s.db)))
    const after = await withStore({ dataDir: target }, async (s) => {
      expect(await eventsMatchVersions(s.db, 'crm')).toEqual([])
      expect(await instancesMatchEvents(s.db, 'crm')).toEqual([])
      return digestAll(asUnknown(s.db))
    })
    expect(after).toEqual(before)
    expect(Number(after.record?.split(':')[0])).toBe(37)

    // Into a database that has data: refused, nothing added.
    const again = await tessera(['restore', file, '--data', target])
    expect(again.code).toBe(1)
    expect(again.output).toContain('not empty')
    expect(await withStore({ dataDir: target }, (s) => digestAll(asUnknown(s.db)))).toEqual(before)

    // A truncated file (no end line): refused, the empty target stays empty.
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n')
    const cut = join(work, 'cut.jsonl')
    writeFileSync(cut, `${lines.slice(0, Math.floor(lines.length / 2)).join('\n')}\n`)
    const empty = join(work, 'empty')
    const truncated = await tessera(['restore', cut, '--data', empty])
    expect(truncated.code).toBe(1)
    expect(truncated.output).toContain('truncated')
    const left = await withStore({ dataDir: empty }, (s) => digestAll(asUnknown(s.db)))
    for (const [table, digest] of Object.entries(left)) expect(digest.startsWith('0:'), table).toBe(true)
  })
})

describe.skipIf(!baseUrl)('proof: backup and restore on PostgreSQL', () => {
  it('round-trips a CRM between two PostgreSQL databases and from the embedded one', async () => {
    const a = await freshDatabase(baseUrl as string, 'tessera_backup')
    const b = await freshDatabase(baseUrl as string, 'tessera_backup')
    databases.push(a, b)
    await withStore({ url: a.url }, (s) => populateCrm(s))
    const file = join(work, 'pg.backup.jsonl')
    const backup = await tessera(['backup', file], { DATABASE_URL: a.url })
    expect(backup.code, backup.output).toBe(0)
    const restore = await tessera(['restore', file], { DATABASE_URL: b.url })
    expect(restore.code, restore.output).toBe(0)
    const before = await withStore({ url: a.url }, (s) => digestAll(asUnknown(s.db)))
    const after = await withStore({ url: b.url }, async (s) => {
      expect(await eventsMatchVersions(s.db, 'crm')).toEqual([])
      return digestAll(asUnknown(s.db))
    })
    expect(after).toEqual(before)

    // Embedded to PostgreSQL: the same backup file moves a deployment from PGlite to a server.
    const c = await freshDatabase(baseUrl as string, 'tessera_backup')
    databases.push(c)
    const embedded = join(work, 'crm.backup.jsonl')
    const moved = await tessera(['restore', embedded], { DATABASE_URL: c.url })
    expect(moved.code, moved.output).toBe(0)
    const fromEmbedded = await withStore({ dataDir: join(work, 'source') }, (s) => digestAll(asUnknown(s.db)))
    expect(await withStore({ url: c.url }, (s) => digestAll(asUnknown(s.db)))).toEqual(fromEmbedded)
  })
})
