import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createImportJobStore, testDatabases } from '@tessera/runtime'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { failOrphanedImports, IMPORT_RUNNER, runnerIsGone, STALE_MS } from './orphaned-imports.js'

/** A pid that certainly belonged to a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
  await once(child, 'exit')
  return child.pid as number
}

describe('runnerIsGone', () => {
  it('knows a dead pid and a restarted self on this host, and cannot judge another host', async () => {
    const [host, pid] = IMPORT_RUNNER.split(':')
    expect(runnerIsGone(IMPORT_RUNNER)).toBe(false)
    expect(runnerIsGone(`${host}:${pid}:othertok`)).toBe(true)
    expect(runnerIsGone(`${host}:${await deadPid()}:abcd1234`)).toBe(true)
    expect(runnerIsGone(`elsewhere:${await deadPid()}:abcd1234`)).toBe(false)
    expect(runnerIsGone('garbage')).toBe(false)
  })
})

for (const target of testDatabases()) {
  describe(`orphaned import jobs on ${target.kind}`, () => {
    afterAll(() => target.dispose())

    it('marks failed with INTERRUPTED the jobs whose process died or went silent, and only those', async () => {
      const store = await target.open()
      const jobs = createImportJobStore(store.db)
      const [host] = IMPORT_RUNNER.split(':')
      const make = async (runner: string | null, heartbeatAgoMs: number) => {
        const job = await jobs.create({ app: 'crm', form: 'lead', createdBy: null, fileName: 'leads.csv' })
        if (runner) await jobs.start(job.id, runner)
        const at = new Date(Date.now() - heartbeatAgoMs)
        await sql`update import_job set heartbeat_at = ${runner ? at : null}, created_at = ${at},
          processed = 40 where id = ${job.id}`.execute(store.db)
        return job.id
      }
      const crashed = await make(`${host}:${await deadPid()}:abcd1234`, 1000)
      const mine = await make(IMPORT_RUNNER, 1000)
      const silentElsewhere = await make('other-host:77:abcd1234', STALE_MS + 60_000)
      const aliveElsewhere = await make('other-host:78:abcd1234', 1000)
      const neverStarted = await make(null, STALE_MS + 60_000)

      const marked = await failOrphanedImports(store)
      expect(marked.map((j) => j.id).sort()).toEqual([crashed, silentElsewhere, neverStarted].sort())
      const after = async (id: string) => (await jobs.get(id))!
      for (const id of [crashed, silentElsewhere, neverStarted]) {
        const job = await after(id)
        expect(job.status).toBe('failed')
        expect(job.finishedAt).not.toBeNull()
        expect(job.errors).toEqual([
          expect.objectContaining({ code: 'INTERRUPTED', row: 0, severity: 'error' }),
        ])
        expect((job.errors[0] as { reason: string }).reason).toMatch(
          /after 40 rows.*Upload the same file again/,
        )
      }
      expect((await after(mine)).status).toBe('running')
      expect((await after(aliveElsewhere)).status).toBe('running')
      // a second pass finds nothing more
      expect(await failOrphanedImports(store)).toEqual([])
    }, 300_000)
  })
}
