import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { testDatabases } from '@tessera/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '../e2e/support/server.js'
import { ADMIN, type ServerHarness, type Session, openServer, publishDesk } from './server-harness.js'

const [target] = testDatabases()
const root = join(import.meta.dirname, '..', '..')

/** Reads server-sent events from a fetch body until `until` says stop. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  until: (events: { event: string; data: string }[]) => boolean,
  maxMs = 15_000,
) {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const events: { event: string; data: string }[] = []
  let buffer = ''
  const deadline = Date.now() + maxMs
  while (!until(events) && Date.now() < deadline) {
    const timeout = new Promise<{ value: undefined; done: true }>((r) =>
      setTimeout(() => r({ value: undefined, done: true }), deadline - Date.now()),
    )
    const { value, done } = await Promise.race([reader.read(), timeout])
    if (done) break
    buffer += decoder.decode(value, { stream: true })
    let cut = buffer.indexOf('\n\n')
    while (cut >= 0) {
      const block = buffer.slice(0, cut)
      buffer = buffer.slice(cut + 2)
      const event = /^event: (.*)$/m.exec(block)?.[1]
      const data = /^data: (.*)$/m.exec(block)?.[1]
      if (event && data) events.push({ event, data })
      cut = buffer.indexOf('\n\n')
    }
  }
  // not awaited: a cancel waits for the pending read, which may be a heartbeat 20 s away
  void reader.cancel().catch(() => {})
  return events
}

describe('over a real port', () => {
  let h: ServerHarness
  let base: string
  let agent: Session
  let manager: Session
  let outsider: Session

  beforeAll(async () => {
    h = await openServer(target!)
    const admin = await h.login(ADMIN.email, ADMIN.password)
    await publishDesk(h, admin)
    agent = await h.member('agent@port.test', ['agent'])
    manager = await h.member('manager@port.test', ['manager'])
    // a signed-in user who belongs to no app
    await h.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.write,
      payload: { email: 'out@port.test', name: 'Out', password: 'outsider password' },
    })
    outsider = await h.login('out@port.test', 'outsider password')
    base = await h.app.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => {
    await h?.close()
    await target!.dispose()
  })

  it('pushes record and list changes over SSE, without field values', async () => {
    const stream = await fetch(`${base}/api/events/stream`, { headers: agent.read })
    expect(stream.status).toBe(200)
    expect(stream.headers.get('content-type')).toContain('text/event-stream')
    const listening = readEvents(stream.body!, (events) => events.some((e) => e.event === 'record'))
    const outside = await fetch(`${base}/api/events/stream`, { headers: outsider.read })
    const outsiderHeard = readEvents(outside.body!, () => false, 3000)
    await new Promise((r) => setTimeout(r, 200))
    const created = await fetch(`${base}/api/apps/desk/forms/ticket/records`, {
      method: 'POST',
      headers: { ...manager.write, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { title: 'Live one', secret_note: 'NOT-IN-THE-STREAM' } }),
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const events = await listening
    const record = events.find((e) => e.event === 'record')
    expect(JSON.parse(record!.data)).toMatchObject({ app: 'desk', form: 'ticket', id })
    expect(events.map((e) => e.data).join()).not.toContain('NOT-IN-THE-STREAM')
    expect(events.some((e) => e.event === 'list')).toBe(true)
    // the same change, on the stream of a user of no app: nothing
    expect(await outsiderHeard).toEqual([])
  })

  it('refuses the stream to the anonymous', async () => {
    const res = await fetch(`${base}/api/events/stream`)
    expect(res.status).toBe(401)
  })

  it('authenticates a bearer token over HTTP and sets security headers', async () => {
    const created = await fetch(`${base}/api/auth/tokens`, {
      method: 'POST',
      headers: { ...agent.write, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'script' }),
    })
    const { token } = (await created.json()) as { token: string }
    const me = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } })
    expect(me.status).toBe(200)
    expect(me.headers.get('x-content-type-options')).toBe('nosniff')
    expect(me.headers.get('x-request-id')).toBeTruthy()
    const wrong = await fetch(`${base}/api/me`, { headers: { authorization: 'Bearer tsr_wrong' } })
    expect(wrong.status).toBe(401)
  })
})

describe('the tessera CLI', () => {
  it('answers --help with an example for every command', () => {
    for (const cmd of [
      ['start'],
      ['check'],
      ['import'],
      ['export'],
      ['migrate'],
      ['demo'],
      ['user', 'add'],
      ['token', 'create'],
    ]) {
      const r = spawnSync(
        'node',
        ['--import', 'tsx', join(root, 'server', 'src', 'cli.ts'), ...cmd, '--help'],
        { encoding: 'utf8', cwd: root },
      )
      expect(r.status, cmd.join(' ')).toBe(0)
      expect(r.stdout, cmd.join(' ')).toContain('Example:')
    }
  })

  it('finds the data directory of a running server locked and imports through it with --url and --token', async () => {
    const server = await startServer()
    const csv = join(mkdtempSync(join(tmpdir(), 'tessera-cli-')), 'leads.csv')
    try {
      writeFileSync(csv, 'Email,Name\ncli.one@example.com,CLI One\n')
      const run = (args: string[]) =>
        new Promise<{ code: number | null; out: string }>((resolve) => {
          const child = spawn('node', ['--import', 'tsx', join(root, 'server', 'src', 'cli.ts'), ...args], {
            cwd: root,
            env: { ...process.env, DATABASE_URL: '' },
          })
          let out = ''
          child.stdout.on('data', (d) => (out += d))
          child.stderr.on('data', (d) => (out += d))
          child.on('exit', (code) => resolve({ code, out }))
        })
      const locked = await run(['import', csv, '--app', 'crm', '--form', 'lead', '--data', server.dataDir])
      expect(locked.code).toBe(2)
      expect(locked.out).toContain('in use')
      expect(locked.out).toContain('--url')

      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: server.adminEmail, password: server.adminPassword }),
      })
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!
      const { csrfToken } = (await login.json()) as { csrfToken: string }
      const tokenRes = await fetch(`${server.url}/api/auth/tokens`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'cli' }),
      })
      const { token } = (await tokenRes.json()) as { token: string }
      const remote = await run([
        'import',
        csv,
        '--app',
        'crm',
        '--form',
        'lead',
        '--data',
        server.dataDir,
        '--url',
        server.url,
        '--token',
        token,
      ])
      expect(remote.out).toContain(`Importing through ${server.url}`)
      expect(remote.out).not.toContain('in use')
      expect(remote.out).toMatch(/1 rows read, 1 imported/)
      expect(remote.code).toBe(0)
    } finally {
      await server.stop()
      rmSync(join(csv, '..'), { recursive: true, force: true })
    }
  })
})
