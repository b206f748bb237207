import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { join } from 'node:path'
import pg from 'pg'

/** Helpers for the proof tests: real `tessera start` processes on 127.0.0.1, a fresh PostgreSQL database each. */

const root = join(import.meta.dirname, '..', '..')
export const PROOF_ADMIN = { email: 'proof-admin@example.com', password: 'proof admin password 1' }

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      if (typeof address === 'object' && address) srv.close(() => resolve(address.port))
      else reject(new Error('no port'))
    })
  })
}

export interface FreshDatabase {
  url: string
  /** an open pool on it, for the invariant queries */
  pool: pg.Pool
  drop(): Promise<void>
}

/** Creates an empty database on DATABASE_URL's server (never the one named in it), dropped afterwards. */
export async function freshDatabase(baseUrl: string, prefix = 'tessera_proof'): Promise<FreshDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`
  const admin = new URL(baseUrl)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.href })
  await client.connect()
  await client.query(`create database ${name}`)
  await client.end()
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  const pool = new pg.Pool({ connectionString: url.href, max: 3 })
  pool.on('error', () => {})
  return {
    url: url.href,
    pool,
    async drop() {
      await pool.end().catch(() => {})
      const c = new pg.Client({ connectionString: admin.href })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}

export interface TesseraProcess {
  url: string
  port: number
  pid: number
  output(): string
  /** resolves when the process has exited */
  exited: Promise<number | null>
  kill9(): Promise<void>
  stop(): Promise<void>
}

export interface StartOptions {
  env: Record<string, string>
  /** embedded data directory (ignored when env.DATABASE_URL is set) */
  dataDir?: string
  port?: number
  readyTimeoutMs?: number
}

/** Spawns `tessera start` as a user would and waits until /api/health answers. */
export async function startTessera(options: StartOptions): Promise<TesseraProcess> {
  const port = options.port ?? (await freePort())
  const args = ['--import', 'tsx', join(root, 'server', 'src', 'cli.ts'), 'start', '--port', String(port)]
  if (options.dataDir) args.push('--data', options.dataDir)
  const child: ChildProcess = spawn('node', args, {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      TESSERA_ADMIN_EMAIL: PROOF_ADMIN.email,
      TESSERA_ADMIN_PASSWORD: PROOF_ADMIN.password,
      TESSERA_UI_DIR: join(root, 'no-ui-for-proof-tests'),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  // Kept bounded: a chatty process must not grow the test's memory without end.
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-200_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + (options.readyTimeoutMs ?? 240_000)
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`tessera start exited ${child.exitCode ?? child.signalCode}:\n${output}`)
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) })
      if (res.ok) break
    } catch {}
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`tessera start did not answer in time:\n${output}`)
    }
    await sleep(250)
  }
  const pid = child.pid ?? -1
  return {
    url,
    port,
    pid,
    output: () => output,
    exited,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const done = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)])
      if (!done) {
        child.kill('SIGKILL')
        await exited
      }
    },
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Polls `check` every 200 ms until it holds or `timeoutMs` passes; answers whether it held. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return true
    await sleep(200)
  }
  return check()
}
