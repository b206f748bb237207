import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface RunningServer {
  url: string
  adminEmail: string
  adminPassword: string
  dataDir: string
  stop: () => Promise<void>
}

const root = join(import.meta.dirname, '..', '..', '..')

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

/**
 * Starts `tessera start` as a user would (embedded PGlite in a fresh data directory, CRM installed),
 * and waits until /api/health answers.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-e2e-'))
  const adminEmail = 'admin@example.com'
  const adminPassword = 'correct horse battery staple'
  const child: ChildProcess = spawn(
    'node',
    [
      '--import',
      'tsx',
      join(root, 'server', 'src', 'cli.ts'),
      'start',
      '--port',
      String(port),
      '--data',
      dataDir,
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: '',
        TESSERA_ADMIN_EMAIL: adminEmail,
        TESSERA_ADMIN_PASSWORD: adminPassword,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const url = `http://127.0.0.1:${port}`
  // Generous: on the shared 2-core machine under load a cold start (tsx, PGlite, CRM install) takes minutes.
  const deadline = Date.now() + 240_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`tessera start exited ${child.exitCode}:\n${output}`)
    try {
      const res = await fetch(`${url}/api/health`)
      if (res.ok) break
    } catch {}
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`tessera start did not answer within 240s:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  return {
    url,
    adminEmail,
    adminPassword,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
        if (child.exitCode === null) child.kill('SIGKILL')
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
