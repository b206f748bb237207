import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './proof-cluster.js'

/**
 * A throwaway PostgreSQL server of its own (initdb in a temp dir, its own port on 127.0.0.1), for
 * tests that stop and restart the database: the shared server is never touched. As root, the
 * binaries run as the `postgres` system user (initdb refuses root).
 */
export interface ThrowawayPg {
  url: string
  port: number
  stop(): void
  start(): void
  restart(): void
  destroy(): void
}

const BIN_DIRS = [
  '/usr/local/bin',
  '/usr/lib/postgresql/17/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/15/bin',
]
const bin = (name: string) => BIN_DIRS.map((d) => join(d, name)).find((p) => existsSync(p))

export const canRunThrowawayPg = () => bin('initdb') !== undefined && bin('pg_ctl') !== undefined

export async function startThrowawayPg(): Promise<ThrowawayPg> {
  const initdb = bin('initdb')
  const pgCtl = bin('pg_ctl')
  if (!initdb || !pgCtl) throw new Error('initdb/pg_ctl not found')
  const dir = mkdtempSync(join(tmpdir(), 'tessera-throwaway-pg-'))
  const asRoot = process.getuid?.() === 0
  if (asRoot) chownSync(dir, uidOf('postgres'), gidOf('postgres'))
  const run = (file: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : file, asRoot ? ['-u', 'postgres', '--', file, ...args] : args, {
      stdio: 'pipe',
      timeout: 60_000,
    })
  const data = join(dir, 'data')
  run(initdb, ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'])
  const port = await freePort()
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`
  const log = join(dir, 'log')
  const start = () => run(pgCtl, ['-D', data, '-l', log, '-o', opts, '-w', '-t', '60', 'start'])
  const stop = () => run(pgCtl, ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop'])
  start()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    restart: () => run(pgCtl, ['-D', data, '-l', log, '-o', opts, '-m', 'fast', '-w', '-t', '60', 'restart']),
    destroy() {
      try {
        stop()
      } catch {}
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function uidOf(user: string): number {
  return Number(execFileSync('id', ['-u', user]).toString().trim())
}
function gidOf(user: string): number {
  return Number(execFileSync('id', ['-g', user]).toString().trim())
}
