import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { leadApp } from '@tessera/runtime'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildApp } from '../app.js'
import { verifyPassword } from '../auth/passwords.js'
import { createCli } from '../cli.js'
import { ADMIN, fastPasswords } from '../test-support/test-app.js'
import { type LocalRuntime, openLocal } from './open-local.js'
import { demoInputFiles } from '../demo/demo-people.js'
import { runStart } from './start-command.js'

const SYSTEM = { userId: null, isAdmin: true, system: true, via: 'test' }

/** Runs `tessera ...args` in this process: what it printed (stdout and stderr) and its exit code. */
async function tessera(...args: string[]) {
  const out: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((...l) => void out.push(l.join(' ')))
  const err = vi.spyOn(console, 'error').mockImplementation((...l) => void out.push(l.join(' ')))
  process.exitCode = undefined
  try {
    await createCli()
      .exitOverride()
      .parseAsync(['node', 'tessera', ...args])
    return { code: process.exitCode ?? 0, out: out.join('\n') }
  } finally {
    log.mockRestore()
    err.mockRestore()
    process.exitCode = undefined
  }
}

// The embedded store, opened by each command as from a shell; PostgreSQL adds nothing here.
describe('tessera CLI: where it works, and what it says when it cannot', () => {
  const root = mkdtempSync(join(tmpdir(), 'tessera-cli-'))
  const dir = join(root, 'data')
  const data = ['--data', dir]
  const nowhere = join(root, 'nowhere')
  const file = (name: string, content: string | Buffer) => {
    writeFileSync(join(root, name), content)
    return join(root, name)
  }
  const databaseUrl = process.env.DATABASE_URL

  beforeAll(async () => {
    process.env.DATABASE_URL = ''
    const local = await openLocal({ data: dir }, { create: true })
    try {
      await local.engine.publish('crm', leadApp(), SYSTEM)
      await local.store.users.create({ email: 'rep@example.com', name: 'Rep', passwordHash: 'x' })
    } finally {
      await local.close()
    }
  }, 120_000)
  afterAll(() => {
    if (databaseUrl === undefined) delete process.env.DATABASE_URL
    else process.env.DATABASE_URL = databaseUrl
    rmSync(root, { recursive: true, force: true })
  })

  it('refuses a data directory with no database (no new empty one), for every command that reads one', async () => {
    for (const args of [
      ['backup', join(root, 'b.jsonl'), '--data', nowhere],
      ['export', '--app', 'crm', '--form', 'lead', '--data', nowhere],
      ['token', 'create', '--email', 'rep@example.com', '--name', 'x', '--data', nowhere],
      ['user', 'add', '--email', 'new@example.com', '--data', nowhere],
      ['user', 'password', 'rep@example.com', '--data', nowhere],
      ['department', 'list', '--data', nowhere],
      ['migrate', '--data', nowhere],
    ]) {
      const res = await tessera(...args)
      expect(res.code, args.join(' ')).toBe(1)
      expect(res.out).toContain(`error: no Tessera data at ${nowhere}`)
    }
    expect(existsSync(nowhere)).toBe(false)
    expect(existsSync(join(root, 'b.jsonl'))).toBe(false)
  })

  it('refuses --url for the commands that need the database itself', async () => {
    const res = await tessera('backup', join(root, 'b.jsonl'), ...data, '--url', 'http://127.0.0.1:1')
    expect(res).toEqual({
      code: 1,
      out: expect.stringContaining('error: backup cannot work through --url'),
    })
  })

  it('checks the demo folder before it touches any database, naming the missing file', async () => {
    const demoData = join(root, 'demo-data')
    const missing = await tessera('demo', join(root, 'no-such-folder'), '--data', demoData)
    expect(missing).toEqual({ code: 1, out: `error: no folder at ${join(root, 'no-such-folder')}` })
    mkdirSync(join(root, 'empty'))
    const empty = await tessera('demo', join(root, 'empty'), '--data', demoData)
    expect(empty.code).toBe(1)
    expect(empty.out).toMatch(
      /^error: .*empty has no crm-pipeline-sales_teams\.csv \(the demo needs .*leads-education\.csv\)$/,
    )
    expect(existsSync(demoData)).toBe(false)
  })

  it('says a port is in use before it touches the data', async () => {
    const busy: Server = createServer()
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()))
    const port = (busy.address() as AddressInfo).port
    const fresh = join(root, 'start-data')
    try {
      await expect(
        runStart({ port: String(port), host: '127.0.0.1', data: fresh }, () => {}),
      ).rejects.toThrow(`port ${port} is in use; choose another with --port`)
      expect(existsSync(fresh)).toBe(false)
    } finally {
      busy.close()
    }
  })

  it('refuses blank and short passwords, and sets one on the data directory', async () => {
    expect(
      await tessera('user', 'add', '--email', 'sp@example.com', '--password', '          ', ...data),
    ).toEqual({
      code: 1,
      out: 'error: --password must not be blank',
    })
    expect((await tessera('user', 'password', 'rep@example.com', '--password', 'short', ...data)).out).toBe(
      'error: --password must be at least 10 characters',
    )
    expect(await tessera('user', 'password', 'ghost@example.com', ...data)).toEqual({
      code: 1,
      out: 'error: no user ghost@example.com',
    })
    const generated = await tessera('user', 'password', 'REP@example.com', ...data)
    expect(generated.code).toBe(0)
    const password = /Password: (\S+) {3}\(shown once\)/.exec(generated.out)?.[1]
    expect(generated.out).toContain('Password of rep@example.com set.')
    const local = await openLocal({ data: dir })
    try {
      const rep = await local.store.users.byEmail('rep@example.com')
      expect(await verifyPassword(rep?.passwordHash, password ?? '')).toBe(true)
    } finally {
      await local.close()
    }
  }, 60_000)

  it('reports a missing import file, a broken CSV and a binary file, and words a dry run as such', async () => {
    expect(
      await tessera('import', join(root, 'nope.csv'), '--app', 'crm', '--form', 'lead', ...data),
    ).toEqual({
      code: 1,
      out: `error: no file at ${join(root, 'nope.csv')}`,
    })
    const broken = file('broken.csv', 'email,company\n"a@example.com,Acme\nb@example.com,Beta\n')
    const res = await tessera('import', broken, '--app', 'crm', '--form', 'lead', ...data)
    expect(res.code).toBe(1)
    expect(res.out).toBe('error: the CSV is malformed: the quote opened on line 2 is never closed')
    const stray = file('stray.csv', 'email,company\nx@example.com,Ac"me\n')
    // a bare quote inside an unquoted field is text, as Excel writes it, not a malformed file
    expect((await tessera('import', stray, '--app', 'crm', '--form', 'lead', ...data)).out).toContain(
      '1 rows read, 1 imported',
    )
    // a PNG's signature and header: two line feeds, then NUL bytes on line 3
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ])
    const bin = await tessera('import', file('picture.csv', png), '--app', 'crm', '--form', 'lead', ...data)
    expect(bin).toEqual({
      code: 1,
      out: 'error: this is not a CSV file: line 3 holds binary data (a NUL byte)',
    })
    const good = file('good.csv', 'email,company\nc@example.com,Gamma\n')
    const dry = await tessera('import', good, '--app', 'crm', '--form', 'lead', '--dry-run', ...data)
    expect(dry.out).toContain('Dry run (nothing written): 1 rows read, 1 would import, 0 would update')
    expect(dry.out).not.toMatch(/\b1 imported/)
    // a declared separator is read as declared: this file is one column of `email;company`
    const semi = file('semi.csv', 'email;company\nd@example.com;Delta\n')
    const asComma = await tessera(
      'import',
      semi,
      '--app',
      'crm',
      '--form',
      'lead',
      '--dry-run',
      '--delimiter',
      'comma',
      ...data,
    )
    expect(asComma.out).toContain('Delimiter: comma (,)')
    expect(asComma.out).toContain('Columns not imported: email;company')
    const bad = await tessera('import', semi, '--app', 'crm', '--form', 'lead', '--delimiter', ':', ...data)
    expect(bad).toMatchObject({ code: 1, out: expect.stringContaining('unsupported delimiter ":"') })
  }, 60_000)

  it('refuses to write an XLSX to a terminal', async () => {
    const was = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY')
    Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true })
    try {
      expect(await tessera('export', '--app', 'crm', '--form', 'lead', '--format', 'xlsx', ...data)).toEqual({
        code: 1,
        out: 'error: an XLSX export is binary: give --out <file.xlsx> (or redirect stdout to a file)',
      })
    } finally {
      if (was) Object.defineProperty(process.stdout, 'isTTY', was)
      else delete (process.stdout as { isTTY?: boolean }).isTTY
    }
  })

  it('says which server it cannot reach, and why', async () => {
    // a port just freed: nothing listens there
    const probe: Server = createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()))
    const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`
    await new Promise((r) => probe.close(r))
    const res = await tessera('department', 'list', '--url', url, '--token', 't', '--data', nowhere)
    expect(res).toEqual({ code: 1, out: `error: cannot reach ${url}: connect ECONNREFUSED ${url.slice(7)}` })
  })

  describe('with --url, the server only', () => {
    let local: LocalRuntime
    let app: FastifyInstance
    let remote: string[]
    beforeAll(async () => {
      local = await openLocal({ data: dir })
      app = await buildApp({
        engine: local.engine,
        store: local.store,
        options: { background: false, passwordCost: fastPasswords, filesDir: join(dir, 'files') },
      })
      const admin = await local.store.users.create({
        email: ADMIN.email,
        name: 'Admin',
        passwordHash: 'x',
        isAdmin: true,
      })
      const { token } = await local.store.tokens.create(admin.id, 'cli test')
      await app.listen({ port: 0, host: '127.0.0.1' })
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
      // a data directory that does not exist: --url must never open or make one
      remote = ['--data', nowhere, '--url', url, '--token', token]
    }, 60_000)
    afterAll(async () => {
      await app.close()
      await local.close()
      expect(existsSync(nowhere)).toBe(false)
    })

    it('answers exit 2 and one message for every command that opens the data directory the server holds', async () => {
      const backup = file('locked.jsonl', '{}\n')
      const demoFolder = join(root, 'demo-input')
      mkdirSync(demoFolder, { recursive: true })
      for (const name of demoInputFiles()) writeFileSync(join(demoFolder, name), 'x\n')
      const byUrl = 'Pass --url and --token to run this through the running server.'
      const stop = 'Stop the server first: this command needs the database to itself.'
      // start exits (a failed start may hold open handles): its code is what it passes to process.exit
      const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
        process.exitCode = code ?? undefined
        return undefined as never
      })
      for (const [args, way] of [
        [['backup', join(root, 'locked-out.jsonl')], stop],
        [['restore', backup], stop],
        [['migrate'], stop],
        [['demo', demoFolder], stop],
        [['start', '--port', '0'], stop],
        [['export', '--app', 'crm', '--form', 'lead'], byUrl],
        [['import', backup, '--app', 'crm', '--form', 'lead'], byUrl],
        [['user', 'add', '--email', 'locked@example.com'], byUrl],
        [['user', 'password', 'rep@example.com', '--password', 'locked password 1'], byUrl],
        [['user', 'deactivate', 'rep@example.com'], byUrl],
        [['token', 'create', '--email', 'rep@example.com', '--name', 'x'], byUrl],
        [['department', 'list'], byUrl],
      ] as const) {
        const res = await tessera(...args, ...data)
        expect(res, args.join(' ')).toEqual({
          code: 2,
          out: `the data directory ${dir} is in use (is \`tessera start\` running on it?). ${way}`,
        })
      }
      exit.mockRestore()
      expect(existsSync(join(root, 'locked-out.jsonl'))).toBe(false)
    })

    it('exports from the server, not from a new local database', async () => {
      const out = join(root, 'remote.csv')
      const res = await tessera('export', '--app', 'crm', '--form', 'lead', '--out', out, ...remote)
      expect(res).toEqual({ code: 0, out: `Export written to ${out}` })
    })

    it('imports through the server without claiming the data directory is in use', async () => {
      const good = file('remote.csv', 'email,company\nr1@example.com,Remote\n')
      const res = await tessera('import', good, '--app', 'crm', '--form', 'lead', ...remote)
      expect(res.out).not.toContain('in use')
      expect(res.out).toContain('Importing through http://127.0.0.1:')
      expect(res.out).toContain('1 imported')
    }, 30_000)

    it('ends with the summary a local import prints: skipped rows, problems, encoding, separator, columns not imported', async () => {
      // semicolons, as European Excel writes a CSV: sniffed from the header on both sides
      const csv = (who: string) =>
        `email;company;fax\n${who}1@example.com;One, Inc;1\n${who}1@example.com;Again;2\n${who}2@example.com;Two;3\n`
      const summaryOf = (out: string) =>
        out
          .split('\n')
          .filter((l) => /rows read|^Encoding|^Delimiter|^Columns not imported|^ {2}row /.test(l))
      const through = await tessera(
        'import',
        file('remote-dup.csv', csv('rd')),
        '--app',
        'crm',
        '--form',
        'lead',
        ...remote,
      )
      expect(summaryOf(through.out)).toEqual([
        '3 rows read, 2 imported, 0 updated, 1 skipped, 0 failed, 1 problems reported',
        'Encoding: utf-8',
        'Delimiter: semicolon (;)',
        'Columns not imported: fax',
        '  row 3 email: duplicate of row 2',
      ])
      // the same file run on the data directory itself says the same
      await app.close()
      await local.close()
      const here = await tessera(
        'import',
        file('local-dup.csv', csv('ld')),
        '--app',
        'crm',
        '--form',
        'lead',
        ...data,
      )
      expect(summaryOf(here.out)).toEqual(summaryOf(through.out))
      local = await openLocal({ data: dir })
      app = await buildApp({
        engine: local.engine,
        store: local.store,
        options: { background: false, passwordCost: fastPasswords, filesDir: join(dir, 'files') },
      })
      await app.listen({ port: Number(new URL(remote[3] as string).port), host: '127.0.0.1' })
    }, 60_000)

    it('reports why the server refused a file', async () => {
      const broken = file('remote-broken.csv', 'email,company\n"a@example.com,Acme\n')
      const res = await tessera('import', broken, '--app', 'crm', '--form', 'lead', ...remote)
      expect(res.code).toBe(1)
      expect(res.out).toContain('error: the CSV is malformed: the quote opened on line 2 is never closed')
      expect(res.out).not.toContain('0 rows read')
    }, 30_000)

    it('never makes a token for someone other than the owner of --token', async () => {
      const other = await tessera(
        'token',
        'create',
        '--email',
        'nobody@example.com',
        '--name',
        'x',
        ...remote,
      )
      expect(other.code).toBe(1)
      expect(other.out).toBe(
        `error: through --url a token is made for the owner of --token (${ADMIN.email}), not for nobody@example.com; use that user's own token, or run tessera token create on the data directory`,
      )
      const own = await tessera(
        'token',
        'create',
        '--email',
        ADMIN.email.toUpperCase(),
        '--name',
        'mine',
        ...remote,
      )
      expect(own.code).toBe(0)
      expect((await local.store.tokens.find(own.out))?.user.email).toBe(ADMIN.email)
    })

    it('sets a password through the admin route', async () => {
      const res = await tessera(
        'user',
        'password',
        'rep@example.com',
        '--password',
        'remote password 1',
        ...remote,
      )
      expect(res).toEqual({ code: 0, out: 'Password of rep@example.com set.' })
      const rep = await local.store.users.byEmail('rep@example.com')
      expect(await verifyPassword(rep?.passwordHash, 'remote password 1')).toBe(true)
      expect((await tessera('user', 'password', 'ghost@example.com', ...remote)).out).toBe(
        'error: no user ghost@example.com',
      )
    })

    it('needs --token with --url', async () => {
      const res = await tessera('department', 'list', '--url', 'http://127.0.0.1:1', '--data', nowhere)
      expect(res).toEqual({ code: 1, out: 'error: --url needs --token (an API token: tessera token create)' })
    })
  })
})
